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
package io.github.bootd.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.IncludeExcludeEndpointFilter;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.OverridingClassLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockPropertySource;

import io.github.bootd.actuate.endpoint.DaemonEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonEndpointExposureEnvironmentPostProcessor}: the post-processor on
 * its own, then its effect through Boot's own exposure filter and endpoint discovery.
 *
 * @author bootd authors
 */
class DaemonEndpointExposureEnvironmentPostProcessorTests {

	private static final String INCLUDE = "management.endpoints.web.exposure.include";

	private final DaemonEndpointExposureEnvironmentPostProcessor postProcessor = new DaemonEndpointExposureEnvironmentPostProcessor();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				DaemonAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
		.withInitializer((context) -> this.postProcessor.postProcessEnvironment(context.getEnvironment(),
				new SpringApplication()));

	@Test
	void postProcessWhenDaemonIsEnabledShouldAddHealthAndDaemonWithTheLowestPrecedence() {
		StandardEnvironment environment = environment("daemon.enabled=true");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(INCLUDE)).isEqualTo("health,daemon");
		assertThat(environment.getPropertySources().stream().toList()).last()
			.satisfies((source) -> assertThat(source.getName())
				.isEqualTo(DaemonEndpointExposureEnvironmentPostProcessor.PROPERTY_SOURCE_NAME));
	}

	@Test
	void postProcessWhenDaemonIsNotEnabledShouldAddNothing() {
		assertNothingAdded(environment());
		assertNothingAdded(environment("daemon.enabled=false"));
	}

	@Test
	void postProcessWhenDaemonEnabledIsInvalidShouldAddNothing() {
		assertNothingAdded(environment("daemon.enabled=perhaps"));
	}

	@Test
	void postProcessWhenIncludeIsSetShouldKeepIt() {
		assertIncludeKept(environment("daemon.enabled=true", INCLUDE + "=health,info"), "health,info");
	}

	@Test
	void postProcessWhenIncludeIsEmptyShouldKeepBootsDefault() {
		assertIncludeKept(environment("daemon.enabled=true", INCLUDE + "="), "");
	}

	@Test
	void postProcessWhenIncludeIsIndexedShouldKeepIt() {
		assertNothingAdded(environment("daemon.enabled=true", INCLUDE + "[0]=info"));
	}

	@Test
	void postProcessWhenIncludeIsAnEnvironmentVariableShouldKeepIt() {
		StandardEnvironment environment = environment("daemon.enabled=true");
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "info")));
		assertNothingAdded(environment);
	}

	@Test
	void postProcessWhenIncludeIsADefaultPropertyShouldKeepIt() {
		StandardEnvironment environment = environment("daemon.enabled=true");
		environment.getPropertySources().addLast(new DefaultPropertiesPropertySource(Map.of(INCLUDE, "info")));
		assertIncludeKept(environment, "info");
	}

	@Test
	void postProcessWhenActuatorIsAbsentShouldAddNothing() throws Exception {
		try (FilteredClassLoader classLoader = new FilteredClassLoader(Endpoint.class)) {
			// Loaded again, so that its class-path check runs without the actuator
			Class<?> type = new OverridingClassLoader(classLoader) {

				@Override
				protected boolean isEligibleForOverriding(String className) {
					return className.equals(DaemonEndpointExposureEnvironmentPostProcessor.class.getName());
				}

			}.loadClass(DaemonEndpointExposureEnvironmentPostProcessor.class.getName());
			Object postProcessor = type.getDeclaredConstructor().newInstance();
			StandardEnvironment environment = environment("daemon.enabled=true");
			type.getMethod("postProcessEnvironment", ConfigurableEnvironment.class, SpringApplication.class)
				.invoke(postProcessor, environment, new SpringApplication());
			assertThat(environment.containsProperty(INCLUDE)).isFalse();
		}
	}

	@Test
	void runWhenDaemonIsEnabledShouldExposeTheDaemonReadOperationAndKeepHealthExposed() {
		this.contextRunner.withPropertyValues("daemon.enabled=true").run((context) -> {
			assertThat(exposed(context, "daemon")).isTrue();
			assertThat(exposed(context, "health")).isTrue();
			assertThat(exposed(context, "env")).isFalse();
			// Writes stay closed: read-only access maps no write operation
			assertThat(daemonOperations(context)).containsExactly(OperationType.READ);
		});
	}

	@Test
	void runWhenDaemonIsNotEnabledShouldExposeOnlyHealth() {
		this.contextRunner.run((context) -> {
			assertThat(exposed(context, "daemon")).isFalse();
			assertThat(exposed(context, "health")).isTrue();
			assertThat(context).doesNotHaveBean(DaemonEndpoint.class);
		});
	}

	@Test
	void runWhenUserIncludesOtherEndpointsShouldNotExposeDaemon() {
		this.contextRunner.withPropertyValues("daemon.enabled=true", INCLUDE + "=info").run((context) -> {
			assertThat(exposed(context, "daemon")).isFalse();
			assertThat(exposed(context, "health")).isFalse();
			assertThat(context).doesNotHaveBean(DaemonEndpoint.class);
		});
	}

	@Test
	void runWhenUserExcludesDaemonShouldNotExposeIt() {
		this.contextRunner.withPropertyValues("daemon.enabled=true", "management.endpoints.web.exposure.exclude=daemon")
			.run((context) -> {
				assertThat(exposed(context, "daemon")).isFalse();
				assertThat(exposed(context, "health")).isTrue();
			});
	}

	@Test
	void runWhenUserDeniesAccessShouldNotHaveTheEndpoint() {
		this.contextRunner.withPropertyValues("daemon.enabled=true", "management.endpoint.daemon.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenUserGrantsAccessShouldExposeTheWritesToo() {
		this.contextRunner.withPropertyValues("daemon.enabled=true", "management.endpoint.daemon.access=UNRESTRICTED")
			.run((context) -> assertThat(daemonOperations(context)).containsExactlyInAnyOrder(OperationType.READ,
					OperationType.WRITE));
	}

	private void assertNothingAdded(StandardEnvironment environment) {
		List<String> before = names(environment);
		Object include = environment.getProperty(INCLUDE);
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(names(environment)).isEqualTo(before);
		assertThat(environment.getProperty(INCLUDE)).isEqualTo(include);
	}

	private void assertIncludeKept(StandardEnvironment environment, String include) {
		assertNothingAdded(environment);
		assertThat(environment.getProperty(INCLUDE)).isEqualTo(include);
	}

	private static List<String> names(StandardEnvironment environment) {
		return environment.getPropertySources().stream().map((source) -> source.getName()).toList();
	}

	private static StandardEnvironment environment(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		// Only what the test says: no variable of the machine running it
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		MockPropertySource source = new MockPropertySource("test");
		for (String property : properties) {
			int equals = property.indexOf('=');
			source.setProperty(property.substring(0, equals), property.substring(equals + 1));
		}
		environment.getPropertySources().addFirst(source);
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static boolean exposed(AssertableWebApplicationContext context, String id) {
		IncludeExcludeEndpointFilter<ExposableWebEndpoint> filter = context
			.getBean("webExposeExcludePropertyEndpointFilter", IncludeExcludeEndpointFilter.class);
		return filter.match(EndpointId.of(id));
	}

	private static List<OperationType> daemonOperations(AssertableWebApplicationContext context) {
		return context.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(EndpointId.of("daemon")))
			.flatMap((endpoint) -> endpoint.getOperations().stream())
			.map((operation) -> operation.getType())
			.toList();
	}

}
