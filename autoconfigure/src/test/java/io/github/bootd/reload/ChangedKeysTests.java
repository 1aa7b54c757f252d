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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChangedKeys}.
 *
 * @author bootd authors
 */
class ChangedKeysTests {

	@Test
	void betweenWhenValueChangedAddedAndRemovedShouldListThemOnly() {
		PropertySource<?> before = source("a", 1, "b", 2, "c", 3);
		PropertySource<?> after = source("a", 1, "b", 20, "d", 4);
		assertThat(ChangedKeys.between(List.of(before), List.of(after), List.of())).containsExactly("b", "c", "d");
	}

	@Test
	void betweenWhenEnvironmentVariableOverridesKeyShouldNotListIt() {
		PropertySource<?> before = source("sample.greeting.message", "one", "server.port", 1);
		PropertySource<?> after = source("sample.greeting.message", "two", "server.port", 2);
		PropertySource<?> environment = new SystemEnvironmentPropertySource("systemEnvironment",
				Map.of("SAMPLE_GREETING_MESSAGE", "from the environment"));
		assertThat(ChangedKeys.between(List.of(before), List.of(after), List.of(environment)))
			.containsExactly("server.port");
	}

	@Test
	void betweenWhenHigherFileShadowsChangeShouldNotListIt() {
		PropertySource<?> profile = source("a", "profile");
		assertThat(ChangedKeys.between(List.of(profile, source("a", "one")), List.of(profile, source("a", "two")),
				List.of()))
			.isEmpty();
	}

	private static PropertySource<?> source(Object... keysAndValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return new MapPropertySource("test" + map.hashCode(), map);
	}

}
