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

import io.github.bootd.DaemonActivity;
import io.github.bootd.settings.DaemonProperties;
import io.github.bootd.Supervisor;

/**
 * Tests for {@link DaemonAutoConfiguration}.
 *
 * @author bootd authors
 */
class DaemonAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class));

	@Test
	void runShouldBindPropertiesAndProvideActivity() {
		this.contextRunner.withPropertyValues("daemon.enabled=true", "daemon.umask=0027").run((context) -> {
			assertThat(context).hasSingleBean(DaemonActivity.class);
			assertThat(context.getBean(DaemonProperties.class).getUmask()).isEqualTo("0027");
		});
	}

	@Test
	void runWhenUserDefinesActivityShouldUseIt() {
		DaemonActivity activity = new DaemonActivity();
		this.contextRunner.withBean(DaemonActivity.class, () -> activity)
			.run((context) -> assertThat(context.getBean(DaemonActivity.class)).isSameAs(activity));
	}

	@Test
	void supervisorShouldBeDetectedFromSystemdVariablesOrPidOne() {
		assertThat(Supervisor.detect(java.util.Map.of("INVOCATION_ID", "x"), 42)).isEqualTo(Supervisor.SYSTEMD);
		assertThat(Supervisor.detect(java.util.Map.of("NOTIFY_SOCKET", "/run/x"), 42)).isEqualTo(Supervisor.SYSTEMD);
		assertThat(Supervisor.detect(java.util.Map.of(), 1)).isEqualTo(Supervisor.CONTAINER);
		assertThat(Supervisor.detect(java.util.Map.of(), 42)).isEqualTo(Supervisor.NONE);
	}

}
