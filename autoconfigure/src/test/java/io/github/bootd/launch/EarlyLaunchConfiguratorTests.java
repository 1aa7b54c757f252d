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
package io.github.bootd.launch;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EarlyLaunchConfigurator}.
 *
 * @author bootd authors
 */
class EarlyLaunchConfiguratorTests {

	@Test
	void configureWhenNotInitializingSpringApplicationShouldLetLogbackConfigure() {
		ExecutionStatus status = new EarlyLaunchConfigurator().configure(new LoggerContext());
		// Logback goes on to its own configurators (logback.xml, Spring Boot's defaults)
		assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
	}

	@Test
	void serviceFileShouldNameTheConfigurator() throws Exception {
		try (var input = getClass().getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
			assertThat(input).isNotNull();
			assertThat(new String(input.readAllBytes()).strip()).isEqualTo(EarlyLaunchConfigurator.class.getName());
		}
	}

}
