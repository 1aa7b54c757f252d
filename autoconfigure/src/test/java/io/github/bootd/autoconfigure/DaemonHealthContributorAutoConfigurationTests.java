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

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.actuate.health.DaemonHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonHealthContributorAutoConfiguration}.
 *
 * @author bootd authors
 */
class DaemonHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DaemonAutoConfiguration.class, DaemonHealthContributorAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void runWhenDaemonShouldHaveIndicator() throws IOException {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		this.contextRunner.withBean("daemonRuntime", DaemonRuntime.class, () -> runtime)
			.run((context) -> assertThat(context).hasSingleBean(DaemonHealthIndicator.class)
				.hasBean("daemonHealthIndicator"));
	}

	@Test
	void runWhenNotADaemonShouldNotHaveIndicator() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWhenDisabledShouldNotHaveIndicator() throws IOException {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		this.contextRunner.withBean("daemonRuntime", DaemonRuntime.class, () -> runtime)
			.withPropertyValues("management.health.daemon.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWhenHealthIsNotOnTheClassPathShouldBackOff() throws IOException {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		this.contextRunner.withBean("daemonRuntime", DaemonRuntime.class, () -> runtime)
			.withClassLoader(new FilteredClassLoader(Health.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWhenUserDefinesIndicatorShouldBackOff() throws IOException {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withBean("daemonRuntime", DaemonRuntime.class, () -> runtime)
			.withBean("daemonHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class)
				.getBean("daemonHealthIndicator")
				.isSameAs(own));
	}

}
