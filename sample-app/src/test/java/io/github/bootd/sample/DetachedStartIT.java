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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detached daemon, checked against the rules of APUE 13.3 and daemon(7) by reading
 * {@code /proc} and {@code ps}.
 *
 * @author bootd authors
 */
class DetachedStartIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenDetachedShouldReturnOnceReadyWithOneLine() {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(launch.stdout().strip().lines()).hasSize(1);
		assertThat(launch.stdout()).contains("Started sample as a daemon: pid " + pid)
			.contains("pid file " + this.sample.pidFile())
			.contains("output " + this.sample.outputFile());
		// Ready means ready: the service answers as soon as the command returns
		assertThat(this.sample.get("/greeting").body()).isEqualTo("Hello from a bootd daemon");
	}

	@Test
	void runWhenDetachedShouldLeadItsOwnSessionWithoutTerminal() throws Exception {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		ProcFacts facts = ProcFacts.of(pid);
		assertThat(facts.sid()).isEqualTo(pid);
		assertThat(facts.pgid()).isEqualTo(pid);
		assertThat(facts.ttyNr()).isZero();
		Process ps = new ProcessBuilder("ps", "-o", "pid=,pgid=,sid=,tty=", "-p", Long.toString(pid)).start();
		String[] columns = new String(ps.getInputStream().readAllBytes()).trim().split("\\s+");
		assertThat(columns).containsExactly(Long.toString(pid), Long.toString(pid), Long.toString(pid), "?");
	}

	@Test
	void runWhenDetachingShouldStartTheDaemonAsAGrandchildOfTheLauncher() throws Exception {
		// setsid --fork: the launcher never is the daemon's parent, so it has no child to
		// wait for and leaves no zombie, and the daemon is an orphan from its first
		// instruction. Observed while the launcher waits for a start-up made slow on
		// purpose, with a start-up timeout that fits a loaded machine
		Path output = this.directory.resolve("launcher.out");
		Process launcher = new ProcessBuilder(
				this.sample.command(java.util.List.of(), "--sample.slow-start=5s", "--daemon.startup-timeout=5m"))
			.directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(SampleDaemon.await(
					() -> SignalledDaemon.read(this.sample.outputFile()).contains("Slow start: waiting"),
					SampleDaemon.LAUNCH_TIMEOUT))
				.isTrue();
			long pid = this.sample.pid();
			this.sample.remember(pid);
			assertThat(launcher.isAlive()).as("the launcher waits for the daemon to be ready").isTrue();
			assertThat(ProcFacts.of(pid).ppid()).as("the daemon's parent while the launcher waits")
				.isNotEqualTo(launcher.pid());
			assertThat(launcher.children().map(ProcessHandle::pid)).as("the launcher's children").doesNotContain(pid);
			assertThat(launcher.waitFor(5, TimeUnit.MINUTES)).isTrue();
			assertThat(launcher.exitValue()).as(() -> SignalledDaemon.read(output)).isZero();
			assertThat(ProcFacts.isAlive(pid)).isTrue();
		}
		finally {
			launcher.destroyForcibly();
		}
	}

	@Test
	void runWhenDetachedShouldUseDefaultWorkingDirectoryUmaskAndStdio() {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		ProcFacts facts = ProcFacts.of(this.sample.pid());
		assertThat(facts.cwd()).isEqualTo(Path.of("/"));
		assertThat(facts.status().get("Umask")).isEqualTo("0022");
		Map<Integer, String> fds = facts.fds();
		assertThat(fds.get(0)).isEqualTo("/dev/null");
		assertThat(fds.get(1)).isEqualTo(this.sample.outputFile().toString());
		assertThat(fds.get(2)).isEqualTo(this.sample.outputFile().toString());
		// Nothing inherited: no terminal, no launcher socket, no pipe to the launcher
		assertThat(fds.values()).noneMatch((target) -> target.startsWith("/dev/pts") || target.startsWith("/dev/tty"))
			.noneMatch((target) -> target.startsWith("pipe:"))
			.noneMatch((target) -> target.contains("bootd-"));
	}

	@Test
	void runWhenWorkingDirectoryAndUmaskSetShouldApplyThem() throws Exception {
		Path work = Files.createDirectory(this.directory.resolve("work"));
		Launch launch = this.sample.launch("--daemon.working-directory=work", "--daemon.umask=027");
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		ProcFacts facts = ProcFacts.of(this.sample.pid());
		assertThat(facts.cwd()).isEqualTo(work);
		assertThat(facts.status().get("Umask")).isEqualTo("0027");
	}

	@Test
	void runWhenDetachedShouldHoldLockedPidFile() throws Exception {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(Files.readString(this.sample.pidFile())).isEqualTo(pid + "\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.sample.pidFile())))
			.isEqualTo("rw-r--r--");
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).as("POSIX lock in /proc/locks").isTrue();
	}

	@Test
	void runWhenTerminatedShouldShutDownGracefullyAndRemovePidFile() throws Exception {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		SampleDaemon.kill("TERM", pid);
		assertThat(SampleDaemon.awaitExit(pid, Duration.ofSeconds(30))).isTrue();
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(Files.readString(this.sample.outputFile())).contains("Commencing graceful shutdown")
			.contains("Graceful shutdown complete");
	}

	@Test
	void runWhenConfigInLaunchDirectoryShouldUseIt() throws Exception {
		Files.writeString(this.directory.resolve("application.properties"),
				"sample.greeting.message=Hello from the launch directory\n");
		Files.createDirectory(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.properties"), "daemon.pid-file=run/sample.pid\n");
		Files.createDirectory(this.directory.resolve("run"));
		// The pid file comes from config/application.properties, relative to the launch
		// directory
		Launch launch = this.sample.run(this.sample.command(java.util.List.of())
			.stream()
			.filter((argument) -> !argument.startsWith("--daemon.pid-file"))
			.toList());
		Path pidFile = this.directory.resolve("run/sample.pid");
		this.sample.remember(Long.parseLong(Files.readString(pidFile).trim()));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stdout()).contains("pid file " + pidFile);
		assertThat(this.sample.get("/greeting").body()).isEqualTo("Hello from the launch directory");
	}

	@Test
	void runWhenLauncherKilledWhileWaitingShouldLeaveDaemonRunning() throws Exception {
		Process launcher = new ProcessBuilder(this.sample.command(java.util.List.of()))
			.directory(this.directory.toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		// The daemon child locks its pid file early in its start-up, long before ready
		assertThat(SampleDaemon.await(() -> this.sample.readPid().isPresent(), SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
		long pid = this.sample.pid();
		this.sample.remember(pid);
		launcher.destroyForcibly().waitFor();
		assertThat(this.sample.awaitAnswering()).isTrue();
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		assertThat(Files.readString(this.sample.outputFile())).contains("Started SampleApplication");
	}

}
