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
package io.github.bootd.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownDaemonProperties}.
 *
 * @author bootd authors
 */
class UnknownDaemonPropertiesTests {

	@Test
	void suggestWhenMisspelledShouldNameTheNearestKnownProperty() {
		assertThat(UnknownDaemonProperties.suggest("daemon.umaks")).isEqualTo("daemon.umask");
		assertThat(UnknownDaemonProperties.suggest("daemon.enable")).isEqualTo("daemon.enabled");
		assertThat(UnknownDaemonProperties.suggest("daemon.pidfle")).isEqualTo("daemon.pid-file");
		assertThat(UnknownDaemonProperties.suggest("daemon.stop-timout")).isEqualTo("daemon.stop-timeout");
		assertThat(UnknownDaemonProperties.suggest("daemon.ouput-file")).isEqualTo("daemon.output-file");
		assertThat(UnknownDaemonProperties.suggest("daemon.working-dir")).isEqualTo("daemon.working-directory");
	}

	@Test
	void suggestWhenNothingIsNearShouldSuggestNothing() {
		assertThat(UnknownDaemonProperties.suggest("daemon.colour")).isNull();
		assertThat(UnknownDaemonProperties.suggest("daemon.restart-policy")).isNull();
	}

	@Test
	void distanceShouldCountATranspositionAsOneEdit() {
		assertThat(UnknownDaemonProperties.distance("umaks", "umask")).isEqualTo(1);
		assertThat(UnknownDaemonProperties.distance("enable", "enabled")).isEqualTo(1);
		assertThat(UnknownDaemonProperties.distance("mode", "mode")).isZero();
		assertThat(UnknownDaemonProperties.distance("", "mode")).isEqualTo(4);
	}

	@Test
	void findWhenEveryPropertyIsKnownShouldWarnAboutNothing() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.enabled", "true")
			.withProperty("daemon.pid-file", "app.pid")
			.withProperty("daemon.stop-timeout", "5s")
			.withProperty("management.endpoint.daemon.access", "read-only")
			.withProperty("daemonic", "true");
		assertThat(UnknownDaemonProperties.find(environment)).isEmpty();
	}

	@Test
	void findWhenSpellingBindsAnywayShouldWarnAboutNothing() {
		// The binder ignores dashes and case: these set daemon.pid-file and
		// daemon.stop-timeout
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.pidfile", "app.pid")
			.withProperty("daemon.stopTimeout", "5s");
		assertThat(UnknownDaemonProperties.find(environment)).isEmpty();
	}

	@Test
	void findWhenKeysAreMisspelledShouldWarnAboutEachWithItsOriginAndNearestKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.umaks", "027")
			.withProperty("daemon.enable", "true");
		assertThat(UnknownDaemonProperties.find(environment)).containsExactlyInAnyOrder(
				"unknown property daemon.umaks (from \"daemon.umaks\" from property source \"mockProperties\") "
						+ "is ignored; did you mean daemon.umask?",
				"unknown property daemon.enable (from \"daemon.enable\" from property source \"mockProperties\") "
						+ "is ignored; did you mean daemon.enabled?");
	}

	@Test
	void findWhenNothingIsNearShouldListTheKnownProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.colour", "blue");
		assertThat(UnknownDaemonProperties.find(environment)).singleElement()
			.asString()
			.startsWith("unknown property daemon.colour (from")
			.contains("bootd knows daemon.action, daemon.allow-root, daemon.enabled, daemon.group, daemon.mode, "
					+ "daemon.output-file, daemon.pid-file, daemon.privileged-ports,");
	}

	@Test
	void findWhenEnvironmentVariablesShouldKnowBothSpellingsTheBinderReads() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("DAEMON_PID_FILE", "a.pid", "DAEMON_STOPTIMEOUT", "5s", "DAEMON_UMAKS", "027",
									"DAEMON", "/usr/bin/x")));
		assertThat(UnknownDaemonProperties.find(environment)).singleElement()
			.asString()
			.startsWith(
					"unknown property daemon.umaks (from \"DAEMON_UMAKS\" from property source \"systemEnvironment\")")
			.endsWith("did you mean daemon.umask?");
	}

	@Test
	void findWhenSameKeyInSeveralSourcesShouldWarnOnceWithTheWinningOrigin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("file", Map.of("daemon.umaks", "077")));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of("daemon.umaks", "027")));
		assertThat(UnknownDaemonProperties.find(environment)).singleElement()
			.asString()
			.contains("property source \"commandLineArgs\"");
	}

}
