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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.reload.RefreshScopeRefresher;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefreshScopeReloadAutoConfiguration}.
 *
 * @author bootd authors
 */
class RefreshScopeReloadAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DaemonAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class,
							RefreshAutoConfiguration.class, RefreshScopeReloadAutoConfiguration.class))
			.withUserConfiguration(GreeterConfiguration.class)
			.withPropertyValues("spring.config.import=optional:file:" + this.directory.resolve("app.properties"));
	}

	@Test
	void runWhenReloadAppliedShouldRecreateRefreshScopedBeanFromNewConfiguration() {
		contextRunner().run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(greeter.greeting()).isEqualTo("none");
			write("test.greeting=bye\n");
			ReloadResult result = context.getBean(ConfigurationReloader.class).reload();
			assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(greeter.greeting()).isEqualTo("bye");
			assertThat(context.getBean(GreeterConfiguration.class).refreshes).hasValue(1);
		});
	}

	@Test
	void runWhenReloadFailsShouldNotRefresh() {
		contextRunner().run((context) -> {
			assertThat(context.getBean(Greeter.class).greeting()).isEqualTo("none");
			write("test.greeting=bye\nlogging.level.root=LOUD\n");
			ReloadResult result = context.getBean(ConfigurationReloader.class).reload();
			assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(context.getBean(GreeterConfiguration.class).refreshes).hasValue(0);
			assertThat(context.getBean(Greeter.class).greeting()).isEqualTo("none");
		});
	}

	@Test
	void runWhenNothingChangedShouldNotRefresh() {
		contextRunner().run((context) -> {
			ReloadResult result = context.getBean(ConfigurationReloader.class).reload();
			assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(context.getBean(GreeterConfiguration.class).refreshes).hasValue(0);
		});
	}

	@Test
	void runWhenRestartKeyChangedAwayAndBackShouldRefreshEachTimeTheEnvironmentChanged() {
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			AtomicInteger refreshes = context.getBean(GreeterConfiguration.class).refreshes;
			write("test.greeting=bye\n");
			assertThat(reloader.reload().restartKeys()).containsExactly("test.greeting");
			assertThat(context.getBean(Greeter.class).greeting()).isEqualTo("bye");
			assertThat(refreshes).hasValue(1);
			// Still listed (the service started without it), but nothing changed: no
			// refresh
			assertThat(reloader.reload().restartKeys()).containsExactly("test.greeting");
			assertThat(refreshes).hasValue(1);
			// Back to its value at start: no restart key, yet the bean must follow
			write("");
			assertThat(reloader.reload().summary()).isEqualTo("no change");
			assertThat(refreshes).hasValue(2);
			assertThat(context.getBean(Greeter.class).greeting()).isEqualTo("none");
		});
	}

	@Test
	void runWhenSpringCloudContextIsAbsentShouldBackOff() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader(RefreshScope.class))
			.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class,
					ConfigurationReloadAutoConfiguration.class, RefreshScopeReloadAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RefreshScopeRefresher.class));
	}

	@Test
	void runWithoutRefreshScopeBeanShouldBackOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DaemonAutoConfiguration.class,
					ConfigurationReloadAutoConfiguration.class, RefreshScopeReloadAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RefreshScopeRefresher.class));
	}

	private void write(String properties) {
		try {
			Files.writeString(this.directory.resolve("app.properties"), properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		final AtomicInteger refreshes = new AtomicInteger();

		@Bean
		@org.springframework.cloud.context.config.annotation.RefreshScope
		Greeter greeter(@Value("${test.greeting:none}") String greeting) {
			return new Greeter(greeting);
		}

		@Bean
		ApplicationListener<RefreshScopeRefreshedEvent> refreshCounter() {
			return (event) -> this.refreshes.incrementAndGet();
		}

	}

	static class Greeter {

		private final String greeting;

		Greeter(String greeting) {
			this.greeting = greeting;
		}

		String greeting() {
			return this.greeting;
		}

	}

}
