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

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.bootd.DaemonRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnderTest}: the rule of docs/detaching.md, "Under test frameworks".
 *
 * @author bootd authors
 */
class UnderTestTests {

	@Test
	void detectWhenCalledFromJUnitShouldBeTrue() {
		assertThat(UnderTest.detect()).isTrue();
	}

	@Test
	void detectWhenNoTestFrameworkIsOnTheStackShouldBeFalse() throws Exception {
		// A thread of its own: its stack holds Thread.run and this lambda, as the main
		// thread of 'java -jar' holds only the application's main method
		AtomicReference<Boolean> detected = new AtomicReference<>();
		Thread thread = new Thread(() -> detected.set(UnderTest.detect()), "no-test-framework");
		thread.start();
		thread.join(10_000);
		assertThat(detected.get()).isFalse();
	}

	@Test
	void runWhenStartedFromATestWithTheDaemonEnabledShouldNotClaimThePidFile(@TempDir Path directory) {
		// Foreground mode: without the rule this JVM would lock the pid file itself (in
		// detach mode it would be re-launched, a second test JVM)
		Path pidFile = directory.resolve("app.pid");
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--daemon.enabled=true",
				"--daemon.mode=foreground", "--daemon.pid-file=" + pidFile, "--spring.main.banner-mode=off")) {
			assertThat(context.isRunning()).isTrue();
			assertThat(pidFile).doesNotExist();
			assertThat(DaemonRuntime.current()).isNull();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
