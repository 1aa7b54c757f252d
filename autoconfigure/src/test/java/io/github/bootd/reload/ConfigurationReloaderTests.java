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
package io.github.bootd.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

import io.github.bootd.DaemonActivity;
import io.github.bootd.autoconfigure.ConfigurationReloadAutoConfiguration;
import io.github.bootd.autoconfigure.DaemonAutoConfiguration;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationReloader}.
 *
 * @author bootd authors
 */
class ConfigurationReloaderTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DaemonAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class))
			.withUserConfiguration(TestPropertiesConfiguration.class)
			.withPropertyValues("spring.config.import=optional:file:" + this.directory.resolve("app.properties"));
	}

	@Test
	void reloadWhenFileChangedShouldApplyKeyLiveAndListUnboundKeyAsRestart() throws IOException {
		write("test.message=second\nunbound.key=1\n");
		contextRunner().run((context) -> {
			ReloadResult result = context.getBean(ConfigurationReloader.class).reload();
			assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(result.generation()).isEqualTo(1);
			assertThat(result.appliedKeys()).containsExactly("test.message");
			assertThat(result.restartKeys()).containsExactly("unbound.key");
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("second");
			assertThat(context.getEnvironment().getProperty("test.message")).isEqualTo("second");
			assertThat(context.getBean(DaemonActivity.class).getLast(DaemonReloadedEvent.class).getResult())
				.isEqualTo(result);
		});
	}

	@Test
	void reloadWhenValidationFailsShouldChangeNothingAndNameKeyAndValue() throws IOException {
		write("test.message=second\n");
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			assertThat(reloader.reload().outcome()).isEqualTo(Outcome.APPLIED);
			write("test.message= \nunbound.key=2\n");
			ReloadResult result = reloader.reload();
			assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(result.error()).contains("app.properties").contains("test.message='' must not be blank");
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("second");
			assertThat(context.getEnvironment().getProperty("unbound.key")).isNull();
		});
	}

	@Test
	void reloadWhenKeyRemovedShouldReturnBeanToItsDefault() throws IOException {
		write("test.message=second\n");
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			reloader.reload();
			write("other=1\n");
			ReloadResult result = reloader.reload();
			assertThat(result.appliedKeys()).containsExactly("test.message");
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("first");
		});
	}

	@Test
	void reloadWhenFileAppearedSinceLastReloadShouldReadIt() throws IOException {
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			reloader.reload();
			write("test.message=second\n");
			ReloadResult result = reloader.reload();
			assertThat(result.appliedKeys()).containsExactly("test.message");
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("second");
		});
	}

	@Test
	void reloadWhenFileImportsAnotherSinceLastReloadShouldReadTheImportedFile() throws IOException {
		write("test.message=second\n");
		Files.writeString(this.directory.resolve("extra.properties"), "test.message=third\n");
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			reloader.reload();
			write("spring.config.import=optional:file:" + this.directory.resolve("extra.properties") + "\n");
			ReloadResult result = reloader.reload();
			assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("third");
		});
	}

	@Test
	void reloadWhenFilesUnchangedShouldKeepPrecedenceAndChangeNoKey() throws IOException {
		// Every file defines the key; a later import takes precedence over an earlier one
		int files = 6;
		StringBuilder imports = new StringBuilder();
		for (int i = 1; i <= files; i++) {
			Path file = this.directory.resolve("layer" + i + ".properties");
			Files.writeString(file, "test.message=layer" + i + "\nlayer" + i + ".key=" + i + "\n");
			imports.append((i > 1) ? "," : "").append("optional:file:").append(file);
		}
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DaemonAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class))
			.withUserConfiguration(TestPropertiesConfiguration.class)
			.withPropertyValues("spring.config.import=" + imports)
			.run((context) -> {
				ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
				assertThat(reloader.reload().appliedKeys()).containsExactly("test.message");
				assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("layer" + files);
				// The same content, read again: each re-read makes new property sources,
				// so nothing but the environment's order can tell which one wins
				for (int reload = 2; reload <= 8; reload++) {
					ReloadResult result = reloader.reload();
					assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
					assertThat(result.appliedKeys()).as("applied keys of reload %d", reload).isEmpty();
					// Read by nothing and absent at start (this runner loads no file
					// then): the running service has not seen them, whichever reload
					// brought them
					assertThat(result.restartKeys()).as("restart keys of reload %d", reload)
						.containsExactlyInAnyOrderElementsOf(layerKeys(files));
					assertThat(context.getEnvironment().getProperty("test.message")).isEqualTo("layer" + files);
					assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("layer" + files);
				}
			});
	}

	@Test
	void reloadWhenRestartKeyChangedBackToItsValueAtStartShouldListNothing() throws IOException {
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			write("unbound.key=1\n");
			ReloadResult away = reloader.reload();
			assertThat(away.restartKeys()).containsExactly("unbound.key");
			assertThat(away.summary()).isEqualTo("nothing applied live; needs a restart: [unbound.key]");
			// Still true on the next reload: the service still runs without it
			assertThat(reloader.reload().restartKeys()).containsExactly("unbound.key");
			write("");
			ReloadResult back = reloader.reload();
			assertThat(back.outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(back.restartKeys()).isEmpty();
			assertThat(back.summary()).isEqualTo("no change");
		});
	}

	@Test
	void reloadWhenFileOfRunningConfigurationDeletedShouldFailNameItAndKeepItsValues() throws IOException {
		write("test.message=second\nunbound.key=1\n");
		contextRunner().run((context) -> {
			ConfigurationReloader reloader = context.getBean(ConfigurationReloader.class);
			assertThat(reloader.reload().outcome()).isEqualTo(Outcome.APPLIED);
			Path file = this.directory.resolve("app.properties");
			Files.delete(file);
			ReloadResult result = reloader.reload();
			assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(result.error()).startsWith("the configuration file " + file + ", part of the running")
				.contains("restart the service to run without it");
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("second");
			assertThat(context.getEnvironment().getProperty("unbound.key")).isEqualTo("1");
			// Put back, it reloads again
			write("test.message=third\n");
			assertThat(reloader.reload().outcome()).isEqualTo(Outcome.APPLIED);
			assertThat(context.getBean(TestProperties.class).getMessage()).isEqualTo("third");
		});
	}

	private static List<String> layerKeys(int files) {
		return IntStream.rangeClosed(1, files).mapToObj((i) -> "layer" + i + ".key").toList();
	}

	private void write(String properties) throws IOException {
		Files.writeString(this.directory.resolve("app.properties"), properties);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TestProperties.class)
	static class TestPropertiesConfiguration {

	}

	@ConfigurationProperties("test")
	@Validated
	static class TestProperties {

		@NotBlank
		private String message = "first";

		String getMessage() {
			return this.message;
		}

		void setMessage(String message) {
			this.message = message;
		}

	}

}
