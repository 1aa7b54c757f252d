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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.config.ConfigDataEnvironmentUpdateListener;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.github.bootd.reload.KnownConfigFiles.Loaded;

/**
 * Reads the configuration files again the way Spring Boot read them at start-up, into a
 * new environment that keeps every other property source (command line, system
 * properties, environment variables) with its precedence.
 * <p>
 * The live environment is not touched: this is the "validate everything" half of a
 * reload, and a file that fails to parse must leave the running configuration as it is.
 *
 * @author bootd authors
 */
final class ConfigFileReader {

	private static final String DEFAULT_PROPERTIES = "defaultProperties";

	private final LaunchDirectoryResourceLoader resourceLoader;

	private @Nullable KnownConfigFiles known;

	ConfigFileReader(LaunchDirectoryResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Read the configuration files.
	 * @param live the running application's environment
	 * @param isConfigFile which of its property sources came from configuration files
	 * @return the environment they make now
	 */
	ConfigSnapshot read(ConfigurableEnvironment live, Predicate<PropertySource<?>> isConfigFile) {
		StandardEnvironment fresh = new StandardEnvironment();
		MutablePropertySources sources = fresh.getPropertySources();
		sources.forEach((source) -> sources.remove(source.getName()));
		for (PropertySource<?> source : live.getPropertySources()) {
			if (!isConfigFile.test(source)
					&& !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				sources.addLast(source);
			}
		}
		fresh.setConversionService(live.getConversionService());
		this.resourceLoader.startRead();
		KnownConfigFiles known = this.known;
		List<PropertySource<?>> reread = (known != null) ? known.reread(this.resourceLoader) : null;
		if (reread != null) {
			reread.forEach((source) -> add(sources, source));
			fresh.setActiveProfiles(live.getActiveProfiles());
			fresh.setDefaultProfiles(live.getDefaultProfiles());
			return new ConfigSnapshot(fresh, reread);
		}
		return readAll(fresh);
	}

	private ConfigSnapshot readAll(StandardEnvironment fresh) {
		this.known = null;
		this.resourceLoader.startRead();
		List<Loaded> loaded = new ArrayList<>();
		ConfigDataEnvironmentPostProcessor.applyTo(fresh, this.resourceLoader, null, List.of(),
				new ConfigDataEnvironmentUpdateListener() {

					@Override
					public void onPropertySourceAdded(PropertySource<?> propertySource,
							@Nullable ConfigDataLocation location, @Nullable ConfigDataResource resource) {
						loaded.add(new Loaded(propertySource, location, resource));
					}

				});
		this.known = KnownConfigFiles.record(loaded, this.resourceLoader.probes());
		return new ConfigSnapshot(fresh, loaded.stream().<PropertySource<?>>map(Loaded::source).toList());
	}

	/** Where config data puts a file's property source. */
	private static void add(MutablePropertySources sources, PropertySource<?> source) {
		if (sources.contains(DEFAULT_PROPERTIES)) {
			sources.addBefore(DEFAULT_PROPERTIES, source);
		}
		else {
			sources.addLast(source);
		}
	}

	/**
	 * Return the file most recently read, the one to blame for a parse error.
	 * @return the file or {@code null}
	 */
	@Nullable String lastRead() {
		return this.resourceLoader.lastRead();
	}

	/**
	 * The configuration as the files make it now.
	 *
	 * @param environment a new environment with the same non-file sources as the live one
	 * @param configFiles the property sources read from files, highest precedence first
	 */
	record ConfigSnapshot(StandardEnvironment environment, List<PropertySource<?>> configFiles) {

	}

}
