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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample built with bootd's layout ({@code bootd-spring-boot-loader}): its
 * {@code DaemonJarLauncher} starts the daemon before Spring Boot runs, and is Spring
 * Boot's {@code JarLauncher} whenever there is nothing to start.
 *
 * @author bootd authors
 */
class BootdLauncherIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenJarHasBootdLauncherShouldStartTheDaemonBeforeSpringBootLoads() throws Exception {
		Launch launch = this.sample
			.run(this.sample.command(SampleDaemon.launcherJar(), List.of(this.sample.classLogOption())));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stdout()).contains("Started sample as a daemon: pid " + this.sample.pid());
		// The launcher's own class-loading log: it started the daemon and exited without
		// loading the application's main class, Spring Boot or a logging framework
		List<String> launcher = this.sample.loadedClasses(launch.pid());
		assertThat(launcher).contains("io.github.bootd.loader.DaemonJarLauncher",
				"io.github.bootd.launcher.DaemonSpawner");
		assertThat(launcher).doesNotContain("io.github.bootd.sample.SampleApplication",
				"org.springframework.boot.SpringApplication", "ch.qos.logback.classic.LoggerContext");
		ProcFacts daemon = ProcFacts.of(this.sample.pid());
		assertThat(daemon.sid()).isEqualTo(this.sample.pid());
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenDaemonIsDisabledShouldRunTheServiceInTheLaunchingJvm() throws Exception {
		Process process = this.sample
			.inForeground(this.sample.command(SampleDaemon.launcherJar(), List.of(this.sample.classLogOption()),
					"--daemon.enabled=false"))
			.start();
		this.sample.remember(process.pid());
		try {
			assertThat(this.sample.awaitAnswering()).isTrue();
			assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
			assertThat(this.sample.classLogs()).containsExactly(this.sample.classLog(process.pid()));
		}
		finally {
			// Stopped here so the next test finds the port free; close() kills it
			// otherwise
			process.destroy();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void runWhenDaemonPropertyIsInvalidShouldExitSixWithTheAnalysisAndLeaveNothing() throws Exception {
		// Each JVM of the launch, launcher and daemon child, writes its own class-loading
		// log: the way to know every pid the launch had
		Launch launch = this.sample.run(this.sample.command(SampleDaemon.launcherJar(),
				List.of(this.sample.classLogOption()), "--daemon.umask=999"));
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("Invalid value '999' for property 'daemon.umask'", "0022");
		List<Long> jvms = this.sample.classLogs()
			.stream()
			.map((log) -> Long.parseLong(log.getFileName().toString().replaceAll("\\D", "")))
			.toList();
		jvms.forEach(this.sample::remember);
		assertThat(jvms).as("the launcher and the daemon child it started").hasSize(2).contains(launch.pid());
		assertThat(jvms).as("processes left running").noneMatch(ProcFacts::isAlive);
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
		// The files a launch makes: the pid file and the state file beside it, and the
		// launcher's handshake socket in its private directory under java.io.tmpdir
		// (/tmp, the JVM's default on Linux: the launcher is started without the option)
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(this.directory.resolve("sample.state")).doesNotExist();
		try (Stream<Path> temporary = Files.list(Path.of("/tmp"))) {
			assertThat(temporary.map((file) -> file.getFileName().toString())).as("the launcher's handshake directory")
				.noneMatch((name) -> name.startsWith("bootd-" + launch.pid() + "-"));
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			assertThat(files.filter((file) -> !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
					&& !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)))
				.as("sockets or links left in the launch directory")
				.isEmpty();
		}
	}

	@Test
	void runWithJarModeShouldRunSpringBootsJarToolsAndNotLookForADaemon() throws Exception {
		Launch launch = this.sample.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				this.sample.classLogOption(), "-Djarmode=tools", "-jar", SampleDaemon.launcherJar().toString(),
				"help"));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stdout()).contains("extract");
		// The launcher did not guess whether to start a daemon, let alone start one
		assertThat(this.sample.loadedClasses(launch.pid())).contains("io.github.bootd.loader.DaemonJarLauncher")
			.doesNotContain("io.github.bootd.settings.EarlyLaunchHint", "io.github.bootd.launcher.DaemonSpawner");
	}

}
