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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bootd.DaemonActivity;
import io.github.bootd.actuate.metrics.DaemonMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonMetricsAutoConfiguration}.
 *
 * @author bootd authors
 */
class DaemonMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class, DaemonMetricsAutoConfiguration.class));

	@Test
	void runWhenMeterRegistryExistsShouldHaveBinder() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(DaemonMetrics.class));
	}

	@Test
	void runWithoutMeterRegistryShouldNotHaveBinder() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonMetrics.class));
	}

	@Test
	void runWhenMicrometerIsNotOnTheClassPathShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonMetrics.class));
	}

	@Test
	void runWhenUserDefinesBinderShouldBackOff() {
		DaemonMetrics own = new DaemonMetrics(new DaemonActivity(), null, java.util.List.of());
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("ownDaemonMetrics", DaemonMetrics.class, () -> own)
			.run((context) -> assertThat(context).getBean(DaemonMetrics.class).isSameAs(own));
	}

}
