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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exit statuses of control actions that fail (docs/control.md): a restart that cannot
 * detach (3), a reload whose outcome does not come in time (1), a stop of a process that
 * survives SIGKILL (1); and the state file the reload action reads: mode 0640, believed
 * only while its pid is the one holding the pid file's lock.
 *
 * @author bootd authors
 */
class ControlActionFailureIT {

	/** The cgroup v1 freezer: a frozen task cannot act on SIGKILL until it is thawed. */
	private static final Path FREEZER = Path.of("/sys/fs/cgroup/freezer");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void restartWhenDaemonWouldNotDetachShouldExitWithThreeAndLeaveItRunning() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();

		Launch foreground = action(daemon, "restart", "--daemon.mode=foreground");
		assertThat(foreground.exitCode()).as(foreground.output()).isEqualTo(3);
		assertThat(foreground.stderr()).contains("cannot restart sample from here: with daemon.mode=foreground"
				+ " under supervisor none it runs in the foreground");

		// daemon.mode=auto under systemd stays in the foreground: systemctl restarts it
		List<String> command = new ArrayList<>(List.of("env", "INVOCATION_ID=" + UUID.randomUUID()));
		command.addAll(daemon.command(List.of(), "--daemon.action=restart"));
		Launch systemd = daemon.run(command);
		assertThat(systemd.exitCode()).as(systemd.output()).isEqualTo(3);
		assertThat(systemd.stderr()).contains("under supervisor systemd")
			.contains("restart it through its supervisor (systemctl restart)");

		// Checked before the stop: never stop what cannot be started again
		assertThat(daemon.pid()).isEqualTo(pid);
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		assertThat(ProcFacts.of(pid).holdsWriteLock(daemon.pidFile())).isTrue();
	}

	@Test
	void reloadWhenNoOutcomeWithinTimeoutShouldExitWithOne() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// Each reload waits 30 s in a DaemonReloadingEvent listener: far longer than the
		// action's 3 s, which count from the SIGHUP, after the action's JVM started
		Launch start = action(daemon, "start", "--sample.slow-reload=30s");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		Launch reload = action(daemon, "reload", "--daemon.startup-timeout=3s");
		assertThat(reload.exitCode()).as(reload.output()).isEqualTo(1);
		assertThat(reload.stderr())
			.contains("sent SIGHUP to sample (pid " + pid + ") but it reported no reload" + " outcome within 3.00 s")
			.contains(this.directory.resolve("sample.state").toString());
		// The daemon did receive it and is inside that reload, not dead
		SignalledDaemon.await(() -> SignalledDaemon.read(daemon.outputFile()),
				(output) -> output.contains("Slow reload 1: waiting PT30S"), "the slow reload in the output");
		assertThat(ProcFacts.isAlive(pid)).isTrue();
	}

	@Test
	void stopWhenDaemonSurvivesSigkillShouldExitWithOneAndKeepThePidFile() throws Exception {
		// A process of a frozen cgroup is in uninterruptible sleep (state D), as one in a
		// hung NFS read is: SIGKILL stays pending until it is thawed
		boolean freezer = Files.isWritable(FREEZER);
		assumeTrue(freezer || "true".equals(System.getenv("CI")), "needs the cgroup v1 freezer, writable (root)");
		Path cgroup = FREEZER.resolve("bootd-it-" + UUID.randomUUID());
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		Files.createDirectory(cgroup);
		try {
			Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
			Files.writeString(cgroup.resolve("freezer.state"), "FROZEN");
			assertThat(SampleDaemon.await(() -> read(cgroup.resolve("freezer.state")).equals("FROZEN"),
					Duration.ofSeconds(30)))
				.as("frozen")
				.isTrue();

			Launch stop = action(daemon, "stop", "--daemon.stop-timeout=2s");
			assertThat(stop.exitCode()).as(stop.output()).isEqualTo(1);
			assertThat(stop.stderr()).contains("sample (pid " + pid + ") is still there 10.00 s after SIGKILL"
					+ " (uninterruptible I/O?); its pid file " + daemon.pidFile() + " stays");
			assertThat(ProcFacts.of(pid).stat().get(0)).as("state in /proc/%d/stat", pid).isEqualTo("D");
			assertThat(ProcFacts.of(pid).holdsWriteLock(daemon.pidFile())).isTrue();
			assertThat(daemon.pidFile()).exists();
		}
		finally {
			// Thawed, it acts on the pending SIGKILL (or on close()'s TERM)
			Files.writeString(cgroup.resolve("freezer.state"), "THAWED");
			assertThat(SampleDaemon.awaitExit(pid, Duration.ofSeconds(60))).as("gone once thawed").isTrue();
			// A cgroup can be removed once empty: after its last task is reaped, not when
			// it has merely exited
			assertThat(SampleDaemon.await(() -> read(cgroup.resolve("cgroup.procs")).isEmpty(), Duration.ofSeconds(60)))
				.as("%s emptied", cgroup)
				.isTrue();
			Files.delete(cgroup);
		}
	}

	@Test
	void stateFileWhenPublishedShouldHaveMode0640() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		Path state = this.directory.resolve("sample.state");
		assertThat(stat(state)).as("mode of %s at readiness", state).isEqualTo("640");
		Launch reload = action(daemon, "reload");
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		// Replaced by a fresh file (temporary file + rename) after the reload
		assertThat(Files.readString(state)).contains("reload.generation=1");
		assertThat(stat(state)).as("mode of %s after a reload", state).isEqualTo("640");
		assertThat(Files.getPosixFilePermissions(state)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
	}

	@Test
	void statusWhenStateFileLeftByDeadDaemonShouldNotBelieveIt() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long dead = daemon.pid();
		Launch reload = action(daemon, "reload");
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		SampleDaemon.kill("KILL", dead);
		assertThat(SampleDaemon.awaitExit(dead, Duration.ofSeconds(30))).isTrue();
		Path state = this.directory.resolve("sample.state");
		assertThat(Files.readString(state)).as("SIGKILL runs no cleanup")
			.contains("pid=" + dead)
			.contains("reload.generation=1");

		// A second instance takes the stale pid file over; it publishes its own state
		// only once ready, so until then the file on disk is the dead daemon's
		Process second = daemon
			.inForeground(daemon.command(List.of(), "--daemon.mode=foreground", "--sample.slow-start=10m"))
			.start();
		daemon.remember(second.pid());
		try {
			// In the foreground, stdout stays where the test put it unless bootd moves it
			assertThat(SampleDaemon.await(
					() -> (SignalledDaemon.read(this.directory.resolve("foreground.out"))
							+ SignalledDaemon.read(daemon.outputFile()))
						.contains("Slow start: waiting PT10M"),
					SampleDaemon.LAUNCH_TIMEOUT))
				.as("inside its start-up")
				.isTrue();
			assertThat(ProcFacts.of(second.pid()).holdsWriteLock(daemon.pidFile())).isTrue();
			assertThat(Files.readString(state)).contains("pid=" + dead);

			Launch status = action(daemon, "status");
			assertThat(status.exitCode()).as(status.output()).isZero();
			assertThat(status.stdout()).contains("sample is running: pid " + second.pid())
				.doesNotContain("reload #1")
				.doesNotContain("detached");
		}
		finally {
			second.destroyForcibly();
			second.waitFor(60, TimeUnit.SECONDS);
		}
	}

	private Launch action(SampleDaemon daemon, String action, String... more) {
		List<String> args = new ArrayList<>(List.of("--daemon.action=" + action));
		args.addAll(List.of(more));
		return daemon.launch(args.toArray(String[]::new));
	}

	/** The mode in octal, as {@code stat(1)} reads it from the inode. */
	private static String stat(Path file) throws IOException, InterruptedException {
		Process stat = new ProcessBuilder("stat", "-c", "%a", file.toString()).redirectErrorStream(true).start();
		String output = new String(stat.getInputStream().readAllBytes()).trim();
		assertThat(stat.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(stat.exitValue()).as(output).isZero();
		return output;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
