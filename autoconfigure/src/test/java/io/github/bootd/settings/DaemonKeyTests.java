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

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import io.github.bootd.settings.InvalidDaemonPropertyException.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonKey}: the one list of {@code daemon.*} keys agrees with
 * {@link DaemonProperties}, with Spring Boot's names for them, and with every reader that
 * takes its names from it.
 *
 * @author bootd authors
 */
class DaemonKeyTests {

	@TempDir
	Path directory;

	@Test
	void keysShouldBeExactlyTheFieldsOfDaemonProperties() {
		List<String> fields = Arrays.stream(DaemonProperties.class.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getName)
			.toList();
		assertThat(Arrays.stream(DaemonKey.values()).map(DaemonKey::fieldName)).containsExactlyElementsOf(fields);
	}

	@Test
	void propertyShouldBeTheNameSpringBootBindsTheFieldTo() {
		for (DaemonKey key : DaemonKey.values()) {
			assertThat(BeanUtils.getPropertyDescriptor(DaemonProperties.class, key.fieldName())).as(key.name())
				.satisfies((descriptor) -> assertThat(descriptor.getWriteMethod()).isNotNull());
			assertThat(key.property()).isEqualTo("daemon." + DataObjectPropertyName.toDashedForm(key.fieldName()))
				.isEqualTo(key.toString());
			assertThat(DaemonKey.of(key.property())).isSameAs(key);
		}
		assertThat(DaemonKey.PID_FILE.property()).isEqualTo("daemon.pid-file");
		assertThat(DaemonKey.PID_FILE.argument()).isEqualTo("--daemon.pid-file=");
	}

	@Test
	void variablesShouldBeTheOnesSpringBootReadsForTheKey() {
		assertThat(DaemonKey.PID_FILE.variable()).isEqualTo("DAEMON_PIDFILE");
		assertThat(DaemonKey.PID_FILE.legacyVariable()).isEqualTo("DAEMON_PID_FILE");
		for (DaemonKey key : DaemonKey.values()) {
			for (String variable : List.of(key.variable(), key.legacyVariable())) {
				StandardEnvironment environment = new StandardEnvironment();
				// Spring Boot maps variables only in a source with the system
				// environment's name
				environment.getPropertySources()
					.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new SystemEnvironmentPropertySource(
									StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
									Map.of(variable, "x")));
				ConfigurationPropertySources.attach(environment);
				assertThat(Binder.get(environment).bind(key.property(), String.class).orElse(null)).as(variable)
					.isEqualTo("x");
			}
		}
	}

	@Test
	void defaultValueShouldBeTheOneDaemonPropertiesHolds() {
		DaemonProperties defaults = new DaemonProperties();
		assertThat(DaemonKey.ENABLED.defaultValue()).isEqualTo(defaults.isEnabled());
		assertThat(DaemonKey.MODE.defaultValue()).isEqualTo(DaemonMode.AUTO);
		assertThat(DaemonKey.UMASK.defaultValue()).isEqualTo("0022");
		assertThat(DaemonKey.STARTUP_TIMEOUT.defaultValue()).isEqualTo(Duration.ofSeconds(60));
		assertThat(DaemonKey.STOP_TIMEOUT.defaultValue()).isEqualTo(defaults.getStopTimeout());
		assertThat(DaemonKey.PID_FILE.defaultValue()).isNull();
		assertThat(DaemonKey.STARTUP_TIMEOUT.type()).isEqualTo(Duration.class);
	}

	@Test
	void unknownPropertiesShouldKnowEveryKey() {
		MockEnvironment environment = new MockEnvironment();
		for (DaemonKey key : DaemonKey.values()) {
			environment.setProperty(key.property(), "x");
		}
		environment.getPropertySources().addFirst(new MapPropertySource("more", Map.of("daemon.bogus", "x")));
		// The warning for an unknown key proves the check looked at this environment
		assertThat(UnknownDaemonProperties.find(environment)).singleElement()
			.asString()
			.startsWith("unknown property daemon.bogus");
	}

	@Test
	void earlyConfigurationShouldReadEveryKeyFromEverySource() {
		ClassLoader noResources = new ClassLoader(null) {
		};
		for (DaemonKey key : DaemonKey.values()) {
			EarlyConfiguration fromArgument = EarlyConfiguration.read(new String[] { key.argument() + "a" }, Map.of(),
					this.directory, noResources, true);
			assertThat(fromArgument).as(key.argument()).isNotNull();
			assertThat(fromArgument.get(key)).isEqualTo("a");
			for (String variable : List.of(key.variable(), key.legacyVariable())) {
				EarlyConfiguration fromVariable = EarlyConfiguration.read(new String[0], Map.of(variable, "b"),
						this.directory, noResources, true);
				assertThat(fromVariable).as(variable).isNotNull();
				assertThat(fromVariable.get(key)).isEqualTo("b");
			}
		}
	}

	@Test
	void binderShouldCheckEveryKeyButTheControlAction() {
		MockEnvironment environment = new MockEnvironment();
		environment.setProperty("daemon.enabled", "true");
		for (DaemonKey key : DaemonKey.values()) {
			if (key != DaemonKey.ENABLED) {
				environment.setProperty(key.property(), " ");
			}
		}
		// daemon.action is the control command's to read: an empty one means "no action"
		List<String> expected = Arrays.stream(DaemonKey.values())
			.filter((key) -> key != DaemonKey.ENABLED && key != DaemonKey.ACTION)
			.map(DaemonKey::property)
			.toList();
		assertThatExceptionOfType(InvalidDaemonPropertyException.class)
			.isThrownBy(() -> new DaemonSettingsBinder(environment, this.directory,
					() -> this.directory.resolve("default.pid"))
				.bind())
			.satisfies((ex) -> assertThat(ex.getProblems().stream().map(Problem::property).distinct())
				.containsExactlyInAnyOrderElementsOf(expected));
	}

}
