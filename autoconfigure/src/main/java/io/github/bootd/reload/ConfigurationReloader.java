/*
 * Copyright 2026 the bootd authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.bootd.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.github.bootd.reload.ConfigFileReader.ConfigSnapshot;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadableProperties.PropertiesBean;

/**
 * Reloads the configuration files: validate everything, then apply everything, then
 * report. Called on SIGHUP and by the actuator; one reload at a time.
 * <ol>
 * <li>Refuse the reload if a file the running configuration was read from is gone
 * ({@link RunningConfigFiles}).</li>
 * <li>Read the files again as Spring Boot did at start-up (relative locations against the
 * launch directory), keeping command-line arguments, system properties and environment
 * variables with their precedence.</li>
 * <li>Compute the changed keys; sort them into those a reloadable
 * {@code @ConfigurationProperties} bean or the logging system takes live, and those that
 * need a restart. The former are compared with the last reload, the latter with the
 * start: that is what the running service uses.</li>
 * <li>Bind and validate a fresh instance of every affected bean, and the log levels. Any
 * failure ends the reload here: nothing has changed.</li>
 * <li>Apply: swap the files' property sources in the environment, copy the fresh
 * instances into the live beans, set the log levels.</li>
 * <li>Log the {@link ReloadResult} and publish it once, as a {@link DaemonReloadedEvent}:
 * the activity, metrics, systemd and the state file listen.</li>
 * </ol>
 *
 * @author bootd authors
 */
public class ConfigurationReloader {

	private static final Log logger = LogFactory.getLog(ConfigurationReloader.class);

	/** How Spring Boot's {@code StandardConfigDataLoader} names what it loaded. */
	private static final String CONFIG_RESOURCE_PREFIX = "Config resource '";

	private final ConfigurableApplicationContext context;

	private final ConfigFileReader reader;

	private final ReloadableProperties properties;

	private final FreshBinder binder;

	private final LoggingLevels loggingLevels;

	private final Path launchDirectory;

	private long generation;

	/**
	 * The files' property sources the service started with: what a key that needs a
	 * restart is compared with, since the running service still uses those values.
	 */
	private @Nullable List<PropertySource<?>> atStart;

	private @Nullable Set<PropertySource<?>> configFiles;

	public ConfigurationReloader(ConfigurableApplicationContext context, Path launchDirectory) {
		this.context = context;
		this.launchDirectory = launchDirectory;
		this.reader = new ConfigFileReader(
				new LaunchDirectoryResourceLoader(launchDirectory, context.getClassLoader()));
		this.properties = new ReloadableProperties(context);
		this.binder = new FreshBinder(context);
		this.loggingLevels = new LoggingLevels(context);
	}

	/**
	 * Reload the configuration files, waiting for a reload in progress to finish first.
	 * @return what this reload did
	 */
	public synchronized ReloadResult reload() {
		long generation = ++this.generation;
		this.context.publishEvent(new DaemonReloadingEvent(this, generation));
		Instant time = Instant.now();
		long start = System.nanoTime();
		ReloadResult result;
		Set<String> changed = Set.of();
		try {
			Plan plan = prepare();
			apply(plan);
			result = new ReloadResult(generation, time, since(start), Outcome.APPLIED, plan.appliedKeys(),
					plan.restartKeys(), null);
			changed = plan.changedKeys();
		}
		catch (RuntimeException ex) {
			String error = ReloadFailureDescription.of(ex, this.reader.lastRead());
			result = new ReloadResult(generation, time, since(start), Outcome.FAILED, Set.of(), Set.of(), error);
			logger.debug("Reload " + generation + " failed", ex);
		}
		report(result, changed);
		return result;
	}

	private Plan prepare() {
		ConfigurableEnvironment live = this.context.getEnvironment();
		List<PropertySource<?>> before = currentConfigFiles(live);
		List<PropertySource<?>> atStart = this.atStart;
		if (atStart == null) {
			// Nothing applied yet: the live sources are still those of the start
			atStart = before;
			this.atStart = atStart;
		}
		RunningConfigFiles.requirePresent(before, this.launchDirectory);
		Set<PropertySource<?>> isBefore = identitySet(before);
		ConfigSnapshot snapshot = this.reader.read(live, isBefore::contains);
		List<PropertySource<?>> overriding = overriding(live, isBefore);
		Set<String> changed = ChangedKeys.between(before, snapshot.configFiles(), overriding);
		Set<String> applied = new TreeSet<>();
		Set<String> restart = new TreeSet<>();
		Map<PropertiesBean, Object> affected = new LinkedHashMap<>();
		Binder fresh = this.binder.binderFor(snapshot.environment());
		boolean logging = false;
		for (String key : changed) {
			if (LoggingLevels.isLoggingLevelKey(key)) {
				logging = true;
				applied.add(key);
				continue;
			}
			List<PropertiesBean> binders = this.properties.bindersOf(key);
			if (isReloadable(binders)) {
				applied.add(key);
				for (PropertiesBean bean : binders) {
					affected.computeIfAbsent(bean, (target) -> this.binder.bind(fresh, target));
				}
			}
		}
		// A port changed away and back runs where it ran: compared with the last reload
		// it changed, compared with the start it did not, and only the start is running
		for (String key : ChangedKeys.between(atStart, snapshot.configFiles(), overriding)) {
			if (!LoggingLevels.isLoggingLevelKey(key) && !isReloadable(this.properties.bindersOf(key))) {
				restart.add(key);
			}
		}
		LoggingLevels.Change levels = logging ? this.loggingLevels.prepare(Binder.get(live), fresh) : null;
		return new Plan(snapshot.configFiles(), affected, levels, applied, restart, changed);
	}

	private static boolean isReloadable(List<PropertiesBean> binders) {
		return !binders.isEmpty() && binders.stream().allMatch(PropertiesBean::reloadable);
	}

	private void apply(Plan plan) {
		MutablePropertySources sources = this.context.getEnvironment().getPropertySources();
		swap(sources, currentConfigFiles(this.context.getEnvironment()), plan.configFiles());
		this.configFiles = identitySet(plan.configFiles());
		plan.freshBeans().forEach((bean, fresh) -> PropertiesStateCopier.copy(fresh, bean.instance()));
		if (plan.levels() != null) {
			this.loggingLevels.apply(plan.levels());
		}
	}

	/**
	 * Put the new files' property sources where the old ones were. The common case, the
	 * same files, replaces each in place, so that no reader ever sees a key missing.
	 */
	private static void swap(MutablePropertySources sources, List<PropertySource<?>> before,
			List<PropertySource<?>> after) {
		List<String> beforeNames = before.stream().map(PropertySource::getName).toList();
		List<String> afterNames = after.stream().map(PropertySource::getName).toList();
		if (beforeNames.equals(afterNames)) {
			after.forEach((source) -> sources.replace(source.getName(), source));
			return;
		}
		String anchor = anchor(sources, beforeNames);
		beforeNames.forEach(sources::remove);
		for (PropertySource<?> source : after) {
			if (anchor != null) {
				sources.addBefore(anchor, source);
			}
			else {
				sources.addLast(source);
			}
		}
	}

	private static @Nullable String anchor(MutablePropertySources sources, List<String> configNames) {
		boolean seen = false;
		for (PropertySource<?> source : sources) {
			if (configNames.contains(source.getName())) {
				seen = true;
			}
			else if (seen || (configNames.isEmpty() && source.getName().equals("defaultProperties"))) {
				return source.getName();
			}
		}
		return null;
	}

	/**
	 * The files' property sources in the live environment, in its order: highest
	 * precedence first. Where a key is in more than one, the order decides its value, so
	 * it must not be lost (an identity set's order is the objects' hash codes').
	 */
	private List<PropertySource<?>> currentConfigFiles(ConfigurableEnvironment live) {
		Set<PropertySource<?>> known = this.configFiles;
		List<PropertySource<?>> current = new ArrayList<>();
		for (PropertySource<?> source : live.getPropertySources()) {
			// By name as well: another refresher (Spring Cloud's) may have replaced them
			if ((known != null && known.contains(source)) || source.getName().startsWith(CONFIG_RESOURCE_PREFIX)) {
				current.add(source);
			}
		}
		return current;
	}

	private static Set<PropertySource<?>> identitySet(List<PropertySource<?>> sources) {
		// PropertySource equality is by name: membership here is by identity
		Set<PropertySource<?>> set = Collections.newSetFromMap(new IdentityHashMap<>());
		set.addAll(sources);
		return set;
	}

	/** The sources that take precedence over the files: those before them. */
	private static List<PropertySource<?>> overriding(ConfigurableEnvironment live, Set<PropertySource<?>> files) {
		List<PropertySource<?>> overriding = new ArrayList<>();
		for (PropertySource<?> source : live.getPropertySources()) {
			if (files.contains(source)) {
				break;
			}
			if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					&& !source.getName().equals("defaultProperties")) {
				overriding.add(source);
			}
		}
		return overriding;
	}

	private void report(ReloadResult result, Set<String> changed) {
		if (result.outcome() == Outcome.APPLIED) {
			logger.info("Reload " + result.generation() + " applied in " + result.duration().toMillis() + " ms: "
					+ result.summary());
		}
		else {
			logger.error("Reload " + result.generation() + " failed in " + result.duration().toMillis()
					+ " ms, keeping the running configuration: " + result.error());
		}
		this.context.publishEvent(new DaemonReloadedEvent(this, result, changed));
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * A validated reload, ready to apply.
	 */
	private record Plan(List<PropertySource<?>> configFiles, Map<PropertiesBean, Object> freshBeans,
			LoggingLevels.@Nullable Change levels, Set<String> appliedKeys, Set<String> restartKeys,
			Set<String> changedKeys) {

	}

}
