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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenLaunchedFromTerminalThatHangsUpShouldSurvive() throws Exception {
		// HUP means reload to bootd, so a daemon that caught the terminal's hang-up would
		// survive it anyway: what proves it out of the terminal's reach is that it
		// counted no HUP (a detached start under -Xrs, which left HUP its default, is
		// refused now)
		List<String> command = this.sample.command(List.of());
		// script(1) makes the shell a session leader on a new pseudo-terminal, as a
		// terminal emulator or sshd does; the shell runs the launcher, then holds the
		// terminal
		String inTerminal = shellQuote(command) + " > launcher.out 2>&1; exec sleep 600";
		Process terminal = new ProcessBuilder("script", "-q", "-c", inTerminal, "/dev/null")
			.directory(this.directory.toFile())
			.redirectInput(ProcessBuilder.Redirect.PIPE)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(true)
			.start();
		// The shell script(1) forked on the terminal, stopped below if the hang-up did
		// not
		AtomicLong shell = new AtomicLong();
		try {
			assertThat(SampleDaemon.await(() -> terminal.children().findFirst().map((child) -> {
				shell.set(child.pid());
				return true;
			}).orElse(false), Duration.ofSeconds(30))).as("the terminal's shell started").isTrue();
			// script(1)'s child calls setsid() and then TIOCSCTTY before it execs the
			// shell: read both once the child has them, not at the moment of its fork
			assertThat(SampleDaemon.await(() -> {
				ProcFacts facts = ProcFacts.of(shell.get());
				return facts.sid() == shell.get() && facts.ttyNr() != 0;
			}, Duration.ofSeconds(30))).as("the shell leads a session on the terminal").isTrue();
			long session = shell.get();
			// The shell execs sleep once the launcher has returned
			assertThat(SampleDaemon.await(() -> ProcFacts.commandLine(shell.get()).startsWith("sleep"),
					SampleDaemon.LAUNCH_TIMEOUT))
				.as(() -> "launcher returned; " + SignalledDaemon.read(this.directory.resolve("launcher.out")))
				.isTrue();
			long pid = this.sample.pid();
			this.sample.remember(pid);
			assertThat(SignalledDaemon.read(this.directory.resolve("launcher.out")))
				.contains("Started sample as a daemon: pid " + pid);
			ProcFacts daemon = ProcFacts.of(pid);
			assertThat(daemon.sid()).as("the daemon's session").isEqualTo(pid).isNotEqualTo(session);
			assertThat(daemon.ttyNr()).as("the daemon's controlling terminal").isZero();

			// The terminal goes away (its window closed, the ssh connection dropped): the
			// kernel hangs up the pseudo-terminal, its session leader dies of the SIGHUP
			// and the terminal's foreground process group gets one too
			terminal.destroyForcibly();
			assertThat(terminal.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(SampleDaemon.awaitExit(shell.get(), Duration.ofSeconds(30))).as("the session leader hung up")
				.isTrue();
			// Signals are counted in the order they arrive: once a USR1 (a harmless log
			// reopen) sent after the hang-up is counted, a HUP from the hang-up would
			// have been too
			SampleDaemon.kill("USR1", pid);
			assertThat(
					SampleDaemon.await(() -> PrometheusScrapeIT.sample(this.sample.get("/actuator/prometheus").body(),
							"daemon_signals_total{signal=\"USR1\"}") == 1, Duration.ofSeconds(30)))
				.as("USR1 counted")
				.isTrue();
			assertThat(PrometheusScrapeIT.sample(this.sample.get("/actuator/prometheus").body(),
					"daemon_signals_total{signal=\"HUP\"}"))
				.as("HUPs the daemon received")
				.isZero();
			assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
			assertThat(ProcFacts.isAlive(pid)).as("daemon alive in /proc").isTrue();
			assertThat(ProcFacts.commandLine(pid)).contains(SampleDaemon.jar().toString());
		}
		finally {
			terminal.destroyForcibly();
			terminal.waitFor(30, TimeUnit.SECONDS);
			if (shell.get() > 0 && ProcFacts.commandLine(shell.get()).startsWith("sleep")) {
				ProcessHandle.of(shell.get()).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
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
	void runWhenStartedInTheForegroundWithIntIgnoredShouldResetItAndStopOnInt() throws Exception {
		// A script's 'java ... &' ignores INT, and so does env(1) here: the disposition
		// survives exec, and the JVM would install no handler for it
		List<String> command = new ArrayList<>(List.of("env", "--ignore-signal=INT"));
		command.addAll(this.sample.command(List.of(), "--daemon.mode=foreground"));
		Process service = this.sample.inForeground(command).start();
		this.sample.remember(service.pid());
		Path output = this.directory.resolve("foreground.out");
		assertThat(SampleDaemon.await(() -> this.sample.readPid().orElse(-1) == service.pid(),
				SampleDaemon.LAUNCH_TIMEOUT))
			.as(() -> "pid file names the JVM env exec'd; " + SignalledDaemon.read(output))
			.isTrue();
		assertThat(this.sample.awaitAnswering()).as(() -> SignalledDaemon.read(output)).isTrue();
		ProcFacts facts = ProcFacts.of(service.pid());
		assertThat(facts.ignores(SIGINT)).as("INT ignored").isFalse();
		assertThat(facts.catches(SIGINT)).as("INT caught").isTrue();
		SampleDaemon.kill("INT", service.pid());
		assertThat(service.waitFor(60, TimeUnit.SECONDS)).as(() -> "exited on INT; " + SignalledDaemon.read(output))
			.isTrue();
		assertThat(service.exitValue()).isEqualTo(130);
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(Files.readString(output)).contains("Graceful shutdown complete");
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
		// The launcher released the port; the daemon, the process worth observing, holds
		// it
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
		List<String> arguments = List
			.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).split("\0", -1));
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
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
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
				"io.github.bootd.launcher.DaemonSpawner");
		assertThat(launcher).doesNotContain("org.springframework.boot.SpringApplicationRunListeners");
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenForegroundModeIsOnTheCommandLineShouldStartNoChild() throws Exception {
		Process process = this.sample
			.inForeground(this.sample.command(List.of(this.sample.classLogOption()), "--daemon.mode=foreground"))
			.start();
		this.sample.remember(process.pid());
		boolean stopped = false;
		try {
			assertThat(this.sample.awaitAnswering()).isTrue();
			assertThat(this.sample.pid()).isEqualTo(process.pid());
			// No child JVM was started only to find the foreground mode and exit
			assertThat(this.sample.loadedClasses(process.pid()))
				.contains("io.github.bootd.launch.EarlyLaunchConfigurator")
				.doesNotContain("io.github.bootd.launcher.DaemonSpawner");
			assertThat(this.sample.classLogs()).hasSize(1);
		}
		finally {
			// Stopped here, on every path, so that the next test finds the port free
			process.destroy();
			stopped = process.waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(stopped).as("stopped by SIGTERM within 30 s").isTrue();
		assertThat(process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
	}

	private static String shellQuote(List<String> command) {
		List<String> quoted = new ArrayList<>();
		for (String argument : command) {
			quoted.add("'" + argument.replace("'", "'\\''") + "'");
		}
		return quoted.stream().collect(Collectors.joining(" "));
	}

}
