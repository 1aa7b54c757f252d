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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bootd.logging.LogReopener;
import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.signal.SignalWorker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalAutoConfiguration}, {@link ConfigurationReloadAutoConfiguration}
 * and {@link LogReopenAutoConfiguration}.
 *
 * @author bootd authors
 */
class SignalAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(DaemonAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class,
					LogReopenAutoConfiguration.class, SignalAutoConfiguration.class));

	@Test
	void runWhenDaemonDisabledShouldOfferReloadAndReopenWithoutSignalWorker() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ConfigurationReloader.class)
			.hasSingleBean(LogReopener.class)
			.doesNotHaveBean(SignalWorker.class));
	}

	@Test
	void runWhenDaemonEnabledShouldAddSignalWorker() {
		this.contextRunner.withPropertyValues("daemon.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SignalWorker.class));
	}

}
