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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways people start services from shells and terminals: a terminal that goes away,
 * {@code nohup}, a script's {@code &}, a JVM with a debug agent.
 *
 * @author bootd authors
 */
class LaunchEnvironmentIT {

	private static final int SIGHUP = 1;

	private static final int SIGINT = 2;

	private static final int SIGTERM = 15;

	@TempDir
	Path directory;

	private SampleDaemon sample;

	@BeforeEach
	void setUp() {
		this.sample = new SampleDaemon(this.directory);
	}

	@AfterEach
	void tearDown() {
		this.sample.close();
	}

	@Test
	void runWhenLaunchedFromTerminalThatHangsUpShouldSurvive() throws Exception {
		// script(1) runs the command on a new pseudo-terminal and closes it when the
		// command returns: the kernel then hangs up that terminal's session
		String command = shellQuote(this.sample.command(List.of()));
		Launch launch = this.sample.run(List.of("script", "-q", "-e", "-c", command, "/dev/null"));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(launch.stdout()).contains("Started sample as a daemon: pid " + pid);
		assertThat(SampleDaemon.awaitExit(launch.pid(), Duration.ofSeconds(10))).isTrue();
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		assertThat(ProcFacts.of(pid).ttyNr()).isZero();
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenLaunchedUnderNohupFromScriptShouldNotIgnoreHupIntOrTerm() throws Exception {
		// nohup ignores HUP, and a non-interactive shell's '&' ignores INT: both
		// dispositions survive exec and would reach the daemon
		String command = "nohup " + shellQuote(this.sample.command(List.of())) + " > launcher.out 2>&1 & wait $!";
		Launch launch = this.sample.run(List.of("sh", "-c", command));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		ProcFacts facts = ProcFacts.of(pid);
		assertThat(facts.ignores(SIGHUP)).as("HUP ignored").isFalse();
		assertThat(facts.ignores(SIGINT)).as("INT ignored").isFalse();
		assertThat(facts.ignores(SIGTERM)).as("TERM ignored").isFalse();
		// INT was ignored by the shell: now it stops the daemon the way TERM does
		SampleDaemon.kill("INT", pid);
		assertThat(SampleDaemon.awaitExit(pid, Duration.ofSeconds(30))).isTrue();
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(Files.readString(this.sample.outputFile())).contains("Graceful shutdown complete");
	}

	@Test
	void runWhenJvmHasDebugAgentShouldStartWithoutIt() throws Exception {
		int debugPort = new SampleDaemon(this.directory).port();
		List<String> jvmOptions = List
			.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort);
		Launch launch = this.sample.run(this.sample.command(jvmOptions));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stderr()).contains("so the daemon runs without them: -agentlib:jdwp=");
		long pid = this.sample.pid();
		assertThat(ProcFacts.commandLine(pid)).doesNotContain("jdwp");
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenJvmHasJmxPortShouldHandItToTheDaemon() throws Exception {
		int jmxPort = new SampleDaemon(this.directory).port();
		List<String> jvmOptions = List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
				"-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
				"-Dcom.sun.management.jmxremote.ssl=false");
		Launch launch = this.sample.run(this.sample.command(jvmOptions));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(ProcFacts.commandLine(pid)).contains("-Dcom.sun.management.jmxremote.port=" + jmxPort);
		// The launcher released the port; the daemon, the process worth observing, holds it
		try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), jmxPort)) {
			assertThat(socket.isConnected()).isTrue();
		}
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenCommandLineHasEmptyAndSpacedArgumentsShouldPassThemExactly() throws Exception {
		Launch launch = this.sample.launch("", "--sample.greeting.message=Hello,  spaced  world");
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		List<String> arguments = List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).split("\0", -1));
		assertThat(arguments).contains("", "--sample.greeting.message=Hello,  spaced  world");
		assertThat(this.sample.get("/greeting").body()).isEqualTo("Hello,  spaced  world");
	}

	@Test
	void runWhenUnderSystemdShouldStayInForegroundWithPidFile() throws Exception {
		ProcessBuilder builder = this.sample.inForeground(this.sample.command(List.of()));
		builder.environment().put("INVOCATION_ID", "0123456789abcdef0123456789abcdef");
		Process process = builder.start();
		this.sample.remember(process.pid());
		try {
			assertThat(SampleDaemon.await(() -> this.sample.readPid().isPresent(), SampleDaemon.LAUNCH_TIMEOUT))
				.isTrue();
			// No re-launch: the process systemd started is the service
			assertThat(this.sample.pid()).isEqualTo(process.pid());
			assertThat(ProcFacts.of(process.pid()).holdsWriteLock(this.sample.pidFile())).isTrue();
			assertThat(this.sample.awaitAnswering()).isTrue();
			assertThat(process.isAlive()).isTrue();
			SampleDaemon.kill("TERM", process.pid());
			assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(143);
			assertThat(this.sample.pidFile()).doesNotExist();
		}
		finally {
			process.destroyForcibly();
		}
	}

	@Test
	void runWhenLaunchedShouldStartTheDaemonBeforeSpringBootRuns() throws Exception {
		// The JVM's own class-loading log of the launcher: it started the daemon while
		// logback initialized, and exited before Spring Boot's run listeners were loaded
		Launch launch = this.sample.run(this.sample.command(List.of(this.sample.classLogOption())));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		List<String> launcher = this.sample.loadedClasses(launch.pid());
		assertThat(launcher).contains("io.github.bootd.launch.EarlyLaunchConfigurator",
				"io.github.bootd.launch.DaemonSpawner");
		assertThat(launcher).doesNotContain("org.springframework.boot.SpringApplicationRunListeners");
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenForegroundModeIsOnTheCommandLineShouldStartNoChild() throws Exception {
		Process process = this.sample
			.inForeground(this.sample.command(List.of(this.sample.classLogOption()), "--daemon.mode=foreground"))
			.start();
		this.sample.remember(process.pid());
		try {
			assertThat(this.sample.awaitAnswering()).isTrue();
			assertThat(this.sample.pid()).isEqualTo(process.pid());
			// No child JVM was started only to find the foreground mode and exit
			assertThat(this.sample.loadedClasses(process.pid()))
				.contains("io.github.bootd.launch.EarlyLaunchConfigurator")
				.doesNotContain("io.github.bootd.launch.DaemonSpawner");
			assertThat(this.sample.classLogs()).hasSize(1);
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		}
	}

	private static String shellQuote(List<String> command) {
		List<String> quoted = new ArrayList<>();
		for (String argument : command) {
			quoted.add("'" + argument.replace("'", "'\\''") + "'");
		}
		return quoted.stream().collect(Collectors.joining(" "));
	}

}
