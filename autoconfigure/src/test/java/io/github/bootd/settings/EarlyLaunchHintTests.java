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

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EarlyLaunchHint}.
 *
 * @author bootd authors
 */
class EarlyLaunchHintTests {

	@TempDir
	Path directory;

	private final ClassLoader noResources = new ClassLoader(null) {
	};

	@Test
	void likelyWhenArgumentEnablesShouldBeTrue() {
		assertThat(likely(new String[] { "--daemon.enabled=true" }, Map.of())).isTrue();
		assertThat(likely(new String[] { "--daemon.enabled" }, Map.of())).isTrue();
	}

	@Test
	void likelyWhenArgumentDisablesShouldWinOverEnvironment() {
		assertThat(likely(new String[] { "--daemon.enabled=false" }, Map.of("DAEMON_ENABLED", "true"))).isFalse();
	}

	@Test
	void controlActionRequestedWhenStopOrStatusShouldBeTrue() {
		assertThat(EarlyLaunchHint.controlActionRequested(new String[] { "--daemon.action=stop" }, Map.of())).isTrue();
		assertThat(EarlyLaunchHint.controlActionRequested(new String[0], Map.of("DAEMON_ACTION", "status"))).isTrue();
	}

	@Test
	void controlActionRequestedWhenStartOrNoneShouldBeFalse() {
		assertThat(EarlyLaunchHint.controlActionRequested(new String[] { "--daemon.action=start" }, Map.of()))
			.isFalse();
		assertThat(EarlyLaunchHint.controlActionRequested(new String[] { "--daemon.enabled=true" }, Map.of()))
			.isFalse();
	}

	@Test
	void pidFileDirectoryWhenGivenOnTheCommandLineShouldResolveItAgainstTheLaunchDirectory() {
		assertThat(pidFileDirectory(new String[] { "--daemon.pid-file=run/app.pid" },
				Map.of("DAEMON_PID_FILE", "/x/a.pid")))
			.isEqualTo(this.directory.resolve("run"));
	}

	@Test
	void pidFileDirectoryWhenInTheEnvironmentShouldUseIt() {
		assertThat(pidFileDirectory(new String[0], Map.of("DAEMON_PID_FILE", "/srv/app/app.pid")))
			.isEqualTo(Path.of("/srv/app"));
		assertThat(pidFileDirectory(new String[0], Map.of("DAEMON_PIDFILE", "/srv/b/app.pid")))
			.isEqualTo(Path.of("/srv/b"));
	}

	@Test
	void pidFileDirectoryWhenInAConfigFileShouldPreferConfigOverTheLaunchDirectoryRoot() throws Exception {
		Files.writeString(this.directory.resolve("application.properties"), "daemon.pid-file=/srv/root/app.pid\n");
		Files.createDirectory(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.yml"),
				"server:\n  port: 8080\ndaemon:\n  enabled: true\n  pid-file: \"/srv/config/app.pid\"\n");
		assertThat(pidFileDirectory(new String[0], Map.of())).isEqualTo(Path.of("/srv/config"));
	}

	@Test
	void pidFileDirectoryWhenValueHasAPlaceholderShouldFallBackToTheDefaultsDirectory() throws Exception {
		Files.writeString(this.directory.resolve("application.properties"), "daemon.pid-file=${home}/app.pid\n");
		assertThat(pidFileDirectory(new String[0], Map.of("RUNTIME_DIRECTORY", "/run/app:/run/other")))
			.isEqualTo(Path.of("/run/app"));
	}

	@Test
	void likelyWhenEnvironmentEnablesShouldBeTrue() {
		assertThat(likely(new String[0], Map.of("DAEMON_ENABLED", "TRUE"))).isTrue();
	}

	@Test
	void likelyWhenPropertiesFileEnablesShouldBeTrue() throws Exception {
		Files.writeString(this.directory.resolve("application.properties"),
				"server.port=8080\ndaemon.enabled = true\n");
		assertThat(likely(new String[0], Map.of())).isTrue();
	}

	@Test
	void likelyWhenNestedYamlEnablesShouldBeTrue() throws Exception {
		Files.createDirectory(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.yml"),
				"daemon:\n  # run detached\n  mode: auto\n  enabled: true\n");
		assertThat(likely(new String[0], Map.of())).isTrue();
	}

	@Test
	void likelyWhenNothingEnablesShouldBeFalse() throws Exception {
		Files.writeString(this.directory.resolve("application.properties"), "daemon.enabled=false\n");
		assertThat(likely(new String[] { "--server.port=1" }, Map.of())).isFalse();
	}

	@Test
	void likelyWhenForegroundModeIsExplicitShouldBeFalse() {
		assertThat(likely(new String[] { "--daemon.enabled=true", "--daemon.mode=foreground" }, Map.of())).isFalse();
		assertThat(likely(new String[] { "--daemon.enabled=true" }, Map.of("DAEMON_MODE", "Foreground"))).isFalse();
		assertThat(likely(new String[] { "--daemon.enabled=true", "--daemon.mode=detach" }, Map.of())).isTrue();
	}

	@Test
	void likelyWhenYamlSetsForegroundModeShouldBeFalse() throws Exception {
		Files.writeString(this.directory.resolve("application.yml"), "daemon:\n  enabled: true\n  mode: foreground\n");
		assertThat(likely(new String[0], Map.of())).isFalse();
		assertThat(likely(new String[] { "--daemon.mode=auto" }, Map.of())).isTrue();
	}

	@Test
	void likelyWhenClassLoaderHasSpringBootsClassesShouldReadTheirFile() throws Exception {
		Path classes = enabledIn("app/BOOT-INF/classes");
		assertThat(likelyOnClassPath(classes)).isTrue();
	}

	@Test
	void likelyWhenOnlyALibraryEnablesShouldNotLookThere() throws Exception {
		// Spring Boot's executable jar: looking in every nested jar for files that are
		// not there would open them all before the daemon starts. The environment
		// post-processor still finds the value, later
		Path library = enabledIn("library");
		Path classes = Files.createDirectories(this.directory.resolve("app/BOOT-INF/classes"));
		try (URLClassLoader classLoader = classPath(library, classes)) {
			assertThat(classLoader.getResource("application.properties")).isNotNull();
			assertThat(likelyOn(classLoader)).isFalse();
		}
	}

	@Test
	void likelyWhenClassLoaderIsNotSpringBootsShouldLookOnItsWholePath() throws Exception {
		Path library = enabledIn("library");
		assertThat(likelyOnClassPath(Files.createDirectories(this.directory.resolve("target/test-classes")), library))
			.isTrue();
	}

	/** A class path directory whose application.properties enables the daemon. */
	private Path enabledIn(String directory) throws Exception {
		Path entry = Files.createDirectories(this.directory.resolve(directory));
		Files.writeString(entry.resolve("application.properties"), "daemon.enabled=true\n");
		return entry;
	}

	/** The guess with nothing but the class path to go on. */
	private boolean likelyOnClassPath(Path... entries) throws Exception {
		try (URLClassLoader classLoader = classPath(entries)) {
			return likelyOn(classLoader);
		}
	}

	private boolean likelyOn(ClassLoader classLoader) {
		return EarlyLaunchHint.likely(new String[0], Map.of(), this.directory.resolve("launch"), classLoader);
	}

	private static URLClassLoader classPath(Path... entries) throws Exception {
		URL[] urls = new URL[entries.length];
		for (int i = 0; i < entries.length; i++) {
			urls[i] = entries[i].toUri().toURL();
		}
		return new URLClassLoader(urls, null);
	}

	private Path pidFileDirectory(String[] args, Map<String, String> environment) {
		return EarlyLaunchHint.pidFileDirectory(args, environment, this.directory, this.noResources);
	}

	private boolean likely(String[] args, Map<String, String> environment) {
		return EarlyLaunchHint.likely(args, environment, this.directory, this.noResources);
	}

}
