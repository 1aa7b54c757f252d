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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The keys whose effective value the configuration files changed.
 * <p>
 * Compares the files' values before and after, then drops keys that a source of higher
 * precedence (command line, system property, environment variable) overrides: their
 * effective value did not change. The work is proportional to the size of the files, not
 * to the number of beans.
 *
 * @author bootd authors
 */
final class ChangedKeys {

	private ChangedKeys() {
	}

	/**
	 * Compute the changed keys.
	 * @param before the property sources read from files at the last load, highest
	 * precedence first (where several define a key, the first one's value is compared)
	 * @param after the property sources read from files now, highest precedence first
	 * @param overriding the property sources that take precedence over files
	 * @return the changed keys as written in the files, sorted
	 */
	static Set<String> between(List<PropertySource<?>> before, List<PropertySource<?>> after,
			List<PropertySource<?>> overriding) {
		Map<String, @Nullable Object> old = flatten(before);
		Map<String, @Nullable Object> current = flatten(after);
		Set<String> changed = new TreeSet<>();
		old.forEach((key, value) -> {
			if (!Objects.equals(value, current.get(key)) || !current.containsKey(key)) {
				changed.add(key);
			}
		});
		current.forEach((key, value) -> {
			if (!old.containsKey(key)) {
				changed.add(key);
			}
		});
		changed.removeIf((key) -> isOverridden(key, overriding));
		return changed;
	}

	private static Map<String, @Nullable Object> flatten(List<PropertySource<?>> sources) {
		Map<String, @Nullable Object> values = new HashMap<>();
		for (PropertySource<?> source : sources) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					// The first source wins, as in the environment
					values.putIfAbsent(name, unwrap(enumerable.getProperty(name)));
				}
			}
		}
		return values;
	}

	private static @Nullable Object unwrap(@Nullable Object value) {
		// Compare values, not where they came from: a moved line is no change
		return (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
	}

	private static boolean isOverridden(String key, List<PropertySource<?>> overriding) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
		if (name.isEmpty()) {
			return false;
		}
		for (PropertySource<?> source : overriding) {
			ConfigurationPropertySource adapted = ConfigurationPropertySource.from(source);
			if (adapted != null && adapted.getConfigurationProperty(name) != null) {
				return true;
			}
		}
		return false;
	}

}
