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

import io.github.bootd.socket.InheritedSocket;
import io.github.bootd.socket.InheritedSocketJettyCustomizer;
import io.github.bootd.socket.InheritedSocketTomcatCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InheritedSocketAutoConfiguration}. The test JVM's standard input is
 * Surefire's pipe, not a socket; the case where it is one is {@code InheritedSocketIT}'s,
 * on the packaged sample.
 *
 * @author bootd authors
 */
class InheritedSocketAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class, InheritedSocketAutoConfiguration.class))
		.withPropertyValues("daemon.enabled=true");

	@Test
	void runWhenStandardInputIsNotASocketShouldLeaveTheWebServerAlone() {
		assertThat(InheritedSocket.onStandardInput()).as("Surefire's standard input").isEmpty();
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(InheritedSocket.class)
			.doesNotHaveBean(InheritedSocketTomcatCustomizer.class)
			.doesNotHaveBean(InheritedSocketJettyCustomizer.class));
	}

}
