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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers a launcher gives before the application starts (docs/control.md):
 * {@code --daemon.action=status}, and a start whose daemon runs already, answered from
 * the command line, environment and configuration files without Spring Boot loading the
 * configuration, with the plain jar and with bootd's launcher layout; and the full
 * configuration's answer whenever the early reading cannot be certain. Which path
 * answered is read from each JVM's class-loading log.
 *
 * @author bootd authors
 */
class EarlyAnswerIT {

	/**
	 * The class that loads the configuration files: loaded only when Spring Boot reads
	 * them.
	 */
	private static final String CONFIG_LOADING = "org.springframework.boot.context.config.ConfigDataEnvironment";

	private static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";

	private static final String SPAWNER = "io.github.bootd.launcher.DaemonSpawner";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon daemon = this.daemons.sample();

	@BeforeEach
	void startDaemon() {
		Launch launch = this.daemon.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
	}

	@Test
	void statusWhenConfigurationIsCertainShouldAnswerWithoutLoadingIt() throws Exception {
		long pid = this.daemon.pid();
		for (Path jar : List.of(SampleDaemon.jar(), SampleDaemon.launcherJar())) {
			Launch status = action(jar, "--daemon.action=status");
			assertThat(status.exitCode()).as(status.output()).isZero();
			assertThat(status.stdout()).startsWith("sample is running: pid " + pid + ", up ").contains("detached");
			List<String> loaded = this.daemon.loadedClasses(status.pid());
			assertThat(loaded).as("classes loaded by the status command of " + jar).doesNotContain(CONFIG_LOADING);
			if (jar.equals(SampleDaemon.launcherJar())) {
				assertThat(loaded).as("bootd's launcher answers before Spring Boot runs")
					.doesNotContain(SPRING_APPLICATION);
			}
		}
		Launch nothing = action(SampleDaemon.jar(), "--daemon.action=status",
				"--daemon.pid-file=" + this.directory.resolve("other.pid"));
		assertThat(nothing.exitCode()).as(nothing.output()).isEqualTo(3);
		assertThat(nothing.stdout())
			.contains("sample is not running (no pid file " + this.directory.resolve("other.pid"));
		assertThat(this.daemon.loadedClasses(nothing.pid())).doesNotContain(CONFIG_LOADING);
	}

	@Test
	void startWhenDaemonRunsShouldAnswerAlreadyRunningWithoutStartingAChild() throws Exception {
		long pid = this.daemon.pid();
		for (Path jar : List.of(SampleDaemon.jar(), SampleDaemon.launcherJar())) {
			int logs = this.daemon.classLogs().size();
			Launch again = action(jar);
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertThat(again.stdout())
				.contains("bootd: sample is already running (pid " + pid + ", pid file " + this.daemon.pidFile() + ")");
			assertThat(this.daemon.loadedClasses(again.pid())).as("classes loaded by the second start with " + jar)
				.doesNotContain(CONFIG_LOADING, SPAWNER);
			// A daemon child gets the launcher's JVM options, class log included: only
			// the launching JVM wrote one
			assertThat(this.daemon.classLogs()).hasSize(logs + 1).contains(this.daemon.classLog(again.pid()));
		}
		assertThat(ProcFacts.isAlive(pid)).as("the first daemon still runs").isTrue();
	}

	@Test
	void statusWhenDefaultProfileFileMovesThePidFileShouldAnswerFromTheFullConfiguration() throws Exception {
		// The command names no pid file: the early reading would look beside the jar and
		// find nothing, but application-default.properties, read only with the default
		// profile, says where the daemon is
		Files.writeString(this.directory.resolve("application-default.properties"),
				"daemon.pid-file=" + this.daemon.pidFile() + "\n");
		Launch status = this.daemon.run(List.of(java(), this.daemon.classLogOption(), "-jar",
				SampleDaemon.jar().toString(), "--daemon.action=status"));
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).startsWith("sample is running: pid " + this.daemon.pid());
		assertThat(this.daemon.loadedClasses(status.pid())).contains(CONFIG_LOADING);
	}

	@Test
	void statusWhenAProfileIsActiveShouldAnswerFromTheFullConfiguration() throws Exception {
		Path elsewhere = this.directory.resolve("elsewhere.pid");
		Files.writeString(this.directory.resolve("application-other.properties"),
				"daemon.pid-file=" + elsewhere + "\n");
		Launch status = this.daemon.run(List.of(java(), this.daemon.classLogOption(), "-jar",
				SampleDaemon.jar().toString(), "--spring.profiles.active=other", "--daemon.action=status"));
		assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
		assertThat(status.stdout()).contains("sample is not running (no pid file " + elsewhere + ")");
		assertThat(this.daemon.loadedClasses(status.pid())).contains(CONFIG_LOADING);
	}

	private Launch action(Path jar, String... args) {
		return this.daemon.run(this.daemon.command(jar, List.of(this.daemon.classLogOption()), args));
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
