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

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bootd.control.DaemonStatePublisher;

/**
 * Tests for {@link ControlAutoConfiguration}.
 *
 * @author bootd authors
 */
class ControlAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ControlAutoConfiguration.class));

	@Test
	void runWhenDaemonEnabledShouldPublishState() {
		this.contextRunner.withPropertyValues("daemon.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DaemonStatePublisher.class));
	}

	@Test
	void runWhenDaemonDisabledShouldBackOff() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaemonStatePublisher.class));
	}

	@Test
	void runWhenUserDefinesPublisherShouldUseIt() {
		DaemonStatePublisher publisher = new DaemonStatePublisher(null);
		this.contextRunner.withPropertyValues("daemon.enabled=true")
			.withBean(DaemonStatePublisher.class, () -> publisher)
			.run((context) -> assertThat(context.getBean(DaemonStatePublisher.class)).isSameAs(publisher));
	}

}
