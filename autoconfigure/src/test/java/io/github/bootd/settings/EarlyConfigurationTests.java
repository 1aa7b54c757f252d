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

package io.github.bootd.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EarlyConfiguration}. Every file it reads for certain is also loaded by
 * Spring Boot's own property source loaders, and the values must agree: the early reading
 * may step aside, never differ.
 *
 * @author bootd authors
 */
class EarlyConfigurationTests {

	private static final List<String> KEYS = List.of("daemon.pid-file", "daemon.enabled", "daemon.action",
			"daemon.stop-timeout", "spring.application.name");

	@TempDir
	Path directory;

	private final ClassLoader noResources = new ClassLoader(null) {
	};

	@ParameterizedTest
	@ValueSource(strings = {
			"daemon:\n  enabled: true\n  # where\n  pid-file: /run/a/a.pid # inline\nspring:\n  application:\n    name: a\n",
			"daemon.pid-file: /run/b.pid\ndaemon.enabled: 'true'\n", "daemon:\n  pid-file: \"/run/c.pid\"\n",
			"server:\n  port: 8080\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include:\n"
					+ "          - health\n          - daemon\ndaemon:\n  pid-file: /run/d.pid\n",
			"logging:\n  pattern:\n    console: |\n      %d daemon: x\n      more\ndaemon:\n  pid-file: /run/e.pid\n",
			"a:\n  list: [x, y]\n  map: {k: v}\ndaemon:\n  pidFile: /run/f.pid\n",
			"list:\n- one\n- two\ndaemon:\n  stop-timeout: 30s\n",
			"daemon:\n    pid-file: /run/g.pid\n    enabled: true\n" })
	void readWhenYamlIsPlainShouldAgreeWithSpringBoot(String yaml) throws IOException {
		EarlyConfiguration configuration = readFile("application.yml", yaml);
		assertThat(configuration).isNotNull();
		assertAgrees(configuration, spring(new YamlPropertySourceLoader().load("test", resource(yaml))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "daemon:\n  enabled: yes\n", "daemon:\n  pid-file: ~\n", "daemon:\n  pid-file:\n",
			"daemon:\n  pid-file: [a]\n", "daemon:\n  pid-file: |\n    /run/x.pid\n", "---\ndaemon:\n  enabled: true\n",
			"daemon:\n  enabled: true\n---\nspring.config.activate.on-profile: x\ndaemon.pid-file: /x\n",
			"server:\n  port: 1\n address: x\ndaemon:\n  pid-file: /a\n", "daemon:\n\tpid-file: /a\n",
			"daemon:\n  pid-file: &a /a\n", "daemon:\n  pid-file: /a\n  pid-file: /b\n",
			"daemon:\n  pid-file: \"a\\tb\"\n", "daemon:\n  pidfile2: /a\n",
			"spring:\n  config:\n    import: file:x.yml\n", "spring:\n  profiles:\n    active: prod\n",
			"daemon:\n  pid-file: ${HOME}/x.pid\n", "daemon:\n  pid-file: a: b\n", "daemon:\n  pid-file: a\n    b\n" })
	void readWhenYamlIsMoreThanPlainShouldStepAside(String yaml) throws IOException {
		assertThat(readFile("application.yml", yaml)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "daemon.pid-file=/run/p.pid\nspring.application.name=p\n",
			"daemon.pidFile = /run/q.pid\n# comment\n! other\nserver.port=1\n",
			"daemon.enabled=true\ndaemon.pid-file=/run/r\\\n  .pid\n" })
	void readWhenPropertiesShouldAgreeWithSpringBoot(String properties) throws IOException {
		EarlyConfiguration configuration = readFile("application.properties", properties);
		assertThat(configuration).isNotNull();
		assertAgrees(configuration, spring(new PropertiesPropertySourceLoader().load("test", resource(properties))));
	}

	@Test
	void readWhenPropertiesHaveSeveralDocumentsShouldStepAside() throws IOException {
		assertThat(readFile("application.properties", "daemon.enabled=true\n#---\ndaemon.pid-file=/x\n")).isNull();
	}

	@Test
	void readShouldGiveCommandLineOverSystemPropertiesOverEnvironmentOverFiles() throws IOException {
		Files.writeString(this.directory.resolve("application.properties"),
				"daemon.pid-file=/file.pid\ndaemon.stop-timeout=1s\nspring.application.name=file\n");
		Map<String, String> environment = Map.of("DAEMON_PIDFILE", "/env.pid", "DAEMON_STOP_TIMEOUT", "2s");
		EarlyConfiguration configuration = EarlyConfiguration.read(new String[] { "--daemon.pid-file=/arg.pid" },
				environment, this.directory, this.noResources, true);
		assertThat(configuration).isNotNull();
		assertThat(configuration.get("daemon.pid-file")).isEqualTo("/arg.pid");
		assertThat(configuration.get("daemon.stop-timeout")).isEqualTo("2s");
		assertThat(configuration.get("spring.application.name")).isEqualTo("file");
	}

	@Test
	void readWhenTwoFilesDisagreeShouldStepAside() throws IOException {
		Files.writeString(this.directory.resolve("application.properties"), "daemon.pid-file=/a.pid\n");
		Files.createDirectories(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.yml"), "daemon:\n  pid-file: /b.pid\n");
		assertThat(read(new String[0], Map.of())).isNull();
	}

	@Test
	void readWhenSomethingElseChoosesTheFilesShouldStepAside() throws IOException {
		assertThat(read(new String[] { "--spring.profiles.active=x" }, Map.of())).isNull();
		assertThat(read(new String[] { "--spring.config.location=/etc/x/" }, Map.of())).isNull();
		assertThat(read(new String[0], Map.of("SPRING_APPLICATION_JSON", "{}"))).isNull();
		assertThat(read(new String[0], Map.of("SPRING_PROFILES_ACTIVE", "x"))).isNull();
		assertThat(read(new String[] { "--daemon.pid-file=/a", "--daemon.pid-file=/b" }, Map.of())).isNull();
		assertThat(read(new String[] { "--daemon.enabled" }, Map.of())).isNull();
		assertThat(read(new String[] { "--daemon.umaks=077" }, Map.of())).as("unknown key").isNull();
		assertThat(read(new String[0], Map.of("DAEMON_OPTS", "-x"))).as("unknown variable").isNull();
		Files.writeString(this.directory.resolve("application-default.yml"), "x: y\n");
		assertThat(read(new String[0], Map.of())).isNull();
	}

	@Test
	void readWhenAProfileDirectoryHoldsAFileShouldStepAside() throws IOException {
		Files.createDirectories(this.directory.resolve("config/extra"));
		assertThat(read(new String[0], Map.of())).isNotNull();
		Files.writeString(this.directory.resolve("config/extra/application.properties"), "x=y\n");
		assertThat(read(new String[0], Map.of())).isNull();
	}

	private EarlyConfiguration read(String[] args, Map<String, String> environment) {
		return EarlyConfiguration.read(args, environment, this.directory, this.noResources, true);
	}

	private EarlyConfiguration readFile(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content,
				name.endsWith(".properties") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
		return read(new String[0], Map.of());
	}

	private static ByteArrayResource resource(String content) {
		return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8));
	}

	private static StandardEnvironment spring(List<PropertySource<?>> sources) {
		assertThat(sources).hasSize(1);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(sources.get(0));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private static void assertAgrees(EarlyConfiguration configuration, StandardEnvironment environment) {
		for (String key : KEYS) {
			assertThat(configuration.get(key)).as(key).isEqualTo(environment.getProperty(key));
		}
	}

}
