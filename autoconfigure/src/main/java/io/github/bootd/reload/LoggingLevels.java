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

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerGroup;
import org.springframework.boot.logging.LoggerGroups;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.util.MultiValueMap;

/**
 * Applies {@code logging.level.*} and {@code logging.group.*} through Spring Boot's
 * {@link LoggingSystem}, the way {@code LoggingApplicationListener} does at start-up: a
 * level set on a group goes to its members, and a level removed from the files goes back
 * to the level the logging configuration gives (a {@code null} level).
 *
 * @author bootd authors
 */
final class LoggingLevels {

	private static final String LEVEL = "logging.level";

	private static final String GROUP = "logging.group";

	private static final Bindable<Map<String, LogLevel>> LEVELS = Bindable.mapOf(String.class, LogLevel.class);

	private static final Bindable<Map<String, List<String>>> GROUPS = Bindable
		.of(ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class).asMap());

	private final ApplicationContext context;

	LoggingLevels(ApplicationContext context) {
		this.context = context;
	}

	static boolean isLoggingLevelKey(String key) {
		return key.startsWith(LEVEL + ".") || key.startsWith(GROUP + ".");
	}

	/**
	 * Bind the levels and groups from both configurations; an unknown level fails here,
	 * before anything is applied.
	 * @param before a binder over the running configuration
	 * @param after a binder over the new configuration
	 * @return the change, ready to apply
	 */
	Change prepare(Binder before, Binder after) {
		return new Change(levels(before), levels(after), groups(before), groups(after));
	}

	private static Map<String, LogLevel> levels(Binder binder) {
		return binder.bind(LEVEL, LEVELS).orElseGet(Map::of);
	}

	private static Map<String, List<String>> groups(Binder binder) {
		return binder.bind(GROUP, GROUPS).orElseGet(Map::of);
	}

	void apply(Change change) {
		LoggingSystem system = bean(LoggingApplicationListener.LOGGING_SYSTEM_BEAN_NAME, LoggingSystem.class);
		if (system == null) {
			// A context's class loader is null only for classes of the bootstrap loader
			system = LoggingSystem.get(Objects.requireNonNull(this.context.getClassLoader()));
		}
		LoggerGroups groups = bean(LoggingApplicationListener.LOGGER_GROUPS_BEAN_NAME, LoggerGroups.class);
		Set<String> names = new HashSet<>();
		if (!change.groupsBefore().equals(change.groupsAfter()) && groups != null) {
			groups.putAll(change.groupsAfter());
			change.groupsAfter().forEach((group, members) -> {
				if (!members.equals(change.groupsBefore().get(group))) {
					names.add(group);
				}
			});
		}
		change.levelsBefore().forEach((name, level) -> {
			if (change.levelsAfter().get(name) != level) {
				names.add(name);
			}
		});
		change.levelsAfter().forEach((name, level) -> {
			if (change.levelsBefore().get(name) != level) {
				names.add(name);
			}
		});
		for (String name : names) {
			configure(system, groups, name, change.levelsAfter().get(name));
		}
	}

	private static void configure(LoggingSystem system, @Nullable LoggerGroups groups, String name,
			@Nullable LogLevel level) {
		LoggerGroup group = (groups != null) ? groups.get(name) : null;
		if (group != null && group.hasMembers()) {
			group.configureLogLevel(level, (member, memberLevel) -> setLevel(system, member, memberLevel));
		}
		else {
			setLevel(system, name, level);
		}
	}

	private static void setLevel(LoggingSystem system, String name, @Nullable LogLevel level) {
		system.setLogLevel(name.equalsIgnoreCase(LoggingSystem.ROOT_LOGGER_NAME) ? null : name, level);
	}

	private <T> @Nullable T bean(String name, Class<T> type) {
		return this.context.containsBean(name) ? this.context.getBean(name, type) : null;
	}

	/**
	 * Levels and groups before and after a reload.
	 *
	 * @param levelsBefore the levels of the running configuration
	 * @param levelsAfter the levels of the new configuration
	 * @param groupsBefore the groups of the running configuration
	 * @param groupsAfter the groups of the new configuration
	 */
	record Change(Map<String, LogLevel> levelsBefore, Map<String, LogLevel> levelsAfter,
			Map<String, List<String>> groupsBefore, Map<String, List<String>> groupsAfter) {

		boolean isEmpty() {
			return Objects.equals(this.levelsBefore, this.levelsAfter)
					&& Objects.equals(this.groupsBefore, this.groupsAfter);
		}

	}

}
