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
package io.github.bootd.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code daemon.enabled} may come from any source Spring Boot reads (docs/detaching.md):
 * when the launcher's early guess cannot see it (a profile, {@code spring.config.import},
 * a library's {@code application.properties}), the launcher loads the configuration and
 * starts the daemon then; when the guess was wrong, the child it started says so and the
 * launcher runs the application itself.
 * <p>
 * For the first three the sample jar is repackaged without its own
 * {@code daemon.enabled=true}, as the jar of an application that leaves the choice to its
 * deployment. Whether the guess fired is read from each JVM's class-loading log: the late
 * launcher loaded Spring Boot's configuration loading before it started the daemon.
 *
 * @author bootd authors
 */
class LateDecisionIT {

	private static final String APPLICATION_PROPERTIES = "BOOT-INF/classes/application.properties";

	private static final String CONFIG_LOADING = "org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor";

	private static final String SPAWNER = "io.github.bootd.launcher.DaemonSpawner";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenAProfileEnablesTheDaemonShouldDetachOnceTheConfigurationIsLoaded() throws Exception {
		Path jar = jarThatLeavesTheDaemonOff();
		SampleJarProcesses.write(this.directory.resolve("application-daemon.properties"), "daemon.enabled=true\n");
		Launch launch = launch(jar, "--spring.profiles.active=daemon");
		assertDetachedAfterLoadingTheConfiguration(launch);
	}

	@Test
	void runWhenAnImportedFileEnablesTheDaemonShouldDetachOnceTheConfigurationIsLoaded() throws Exception {
		Path jar = jarThatLeavesTheDaemonOff();
		Path imported = SampleJarProcesses.write(this.directory.resolve("deploy/daemon.properties"),
				"daemon.enabled=true\n");
		SampleJarProcesses.write(this.directory.resolve("application.properties"),
				"spring.config.import=file:" + imported + "\n");
		Launch launch = launch(jar);
		assertDetachedAfterLoadingTheConfiguration(launch);
	}

	@Test
	void runWhenOnlyALibrarysPropertiesEnableTheDaemonShouldDetachOnceTheConfigurationIsLoaded() throws Exception {
		// The guess reads the application's own classes only (a miss costs speed, not
		// behaviour): the application keeps its settings in config/, and a library on its
		// class path brings application.properties with daemon.enabled=true
		String index = SampleJarProcesses.entry("BOOT-INF/classpath.idx");
		Map<String, byte[]> rewrite = new LinkedHashMap<>();
		rewrite.put(APPLICATION_PROPERTIES, null);
		rewrite.put("BOOT-INF/classes/config/application.properties", utf8(ownPropertiesWithoutDaemonEnabled()));
		rewrite.put("BOOT-INF/lib/daemon-defaults-1.0.jar",
				SampleJarProcesses.library(Map.of("application.properties", "daemon.enabled=true\n")));
		rewrite.put("BOOT-INF/classpath.idx", utf8(index + "- \"BOOT-INF/lib/daemon-defaults-1.0.jar\"\n"));
		Path jar = this.processes.repackagedJar(this.directory.resolve("jar/service.jar"), rewrite);
		Launch launch = launch(jar);
		assertDetachedAfterLoadingTheConfiguration(launch);
	}

	@Test
	void runWhenTheEarlyGuessIsWrongShouldRunTheServiceInTheLaunchingJvm() throws Exception {
		// The jar says daemon.enabled=true, which the guess sees; the launch directory's
		// file, which only Spring Boot's configuration loading applies, says false
		SampleJarProcesses.write(this.directory.resolve("application.properties"), "daemon.enabled=false\n");
		Process launcher = this.processes.start(this.directory, Map.of(),
				this.sample.command(List.of(this.sample.classLogOption())), this.directory.resolve("launcher.out"));
		assertThat(SampleJarProcesses.awaitAnswering(this.sample))
			.as(SampleJarProcesses.read(this.directory.resolve("launcher.out")))
			.isTrue();
		List<Long> others = this.sample.classLogs()
			.stream()
			.map((log) -> Long.parseLong(log.getFileName().toString().replaceAll("\\D", "")))
			.filter((pid) -> pid != launcher.pid())
			.toList();
		if ("root".equals(System.getProperty("user.name"))) {
			// As root the early launch starts no child on a guess its full early read of
			// the configuration cannot confirm (a child started on a miss would load the
			// configuration as root: docs/detaching.md, running as a user): none started
			assertThat(this.sample.loadedClasses(launcher.pid())).doesNotContain(SPAWNER);
			assertThat(others).isEmpty();
		}
		else {
			// The guess started a child, which found the daemon disabled and exited
			assertThat(this.sample.loadedClasses(launcher.pid())).contains(SPAWNER);
			assertThat(others).hasSize(1);
			assertThat(SampleDaemon.awaitExit(others.get(0), SampleJarProcesses.TIMEOUT)).isTrue();
		}
		// The launching JVM is the service, and no daemon claimed a pid file
		assertThat(launcher.isAlive()).isTrue();
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
		assertThat(this.sample.pidFile()).doesNotExist();
	}

	private Launch launch(Path jar, String... args) {
		List<String> command = new ArrayList<>(
				this.sample.command(jar, List.of(this.sample.classLogOption()), SampleJarProcesses.STARTUP_TIMEOUT));
		command.addAll(List.of(args));
		return this.processes.run(this.directory, Map.of(), command);
	}

	private void assertDetachedAfterLoadingTheConfiguration(Launch launch) throws Exception {
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(launch.stdout()).contains("Started sample as a daemon: pid " + pid + ",");
		assertThat(pid).isNotEqualTo(launch.pid());
		ProcFacts daemon = ProcFacts.of(pid);
		assertThat(daemon.sid()).as("session leader").isEqualTo(pid);
		assertThat(daemon.ttyNr()).isZero();
		assertThat(daemon.holdsWriteLock(this.sample.pidFile())).isTrue();
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
		// Not the early guess: the launcher read the configuration, then started the
		// daemon
		List<String> launcher = this.sample.loadedClasses(launch.pid());
		assertThat(launcher).contains(CONFIG_LOADING, SPAWNER);
		assertThat(launcher.indexOf(CONFIG_LOADING)).isLessThan(launcher.indexOf(SPAWNER));
	}

	/**
	 * The sample jar with its own properties minus {@code daemon.enabled=true}.
	 */
	private Path jarThatLeavesTheDaemonOff() throws Exception {
		Map<String, byte[]> rewrite = new LinkedHashMap<>();
		rewrite.put(APPLICATION_PROPERTIES, utf8(ownPropertiesWithoutDaemonEnabled()));
		return this.processes.repackagedJar(this.directory.resolve("jar/service.jar"), rewrite);
	}

	private static String ownPropertiesWithoutDaemonEnabled() throws Exception {
		String properties = SampleJarProcesses.entry(APPLICATION_PROPERTIES);
		assertThat(properties).contains("daemon.enabled=true\n");
		return properties.replace("daemon.enabled=true\n", "");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
