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
package io.github.bootd.control;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import io.github.bootd.DurationText;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.reload.ReloadResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonControl} and {@link DaemonStateFile} on real pid files, without
 * a daemon process (the process tests are {@code ControlActionIT}).
 *
 * @author bootd authors
 */
class DaemonControlTests {

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void statusWhenNoPidFileShouldBeNotRunning() {
		assertThat(control().status()).isEqualTo(LsbExitStatus.STATUS_NOT_RUNNING);
		assertThat(out()).contains("app is not running (no pid file");
	}

	@Test
	void statusWhenPidFileNobodyLocksShouldBeDeadWithPidFile() throws Exception {
		Files.writeString(pidFile(), "999999\n");
		assertThat(control().status()).isEqualTo(LsbExitStatus.STATUS_DEAD_PID_FILE_EXISTS);
	}

	@Test
	void stopWhenPidFileNobodyLocksShouldRemoveItAndSucceed() throws Exception {
		Files.writeString(pidFile(), "999999\n");
		assertThat(control().stop()).isEqualTo(LsbExitStatus.OK);
		assertThat(pidFile()).doesNotExist();
		assertThat(out()).contains("app was not running; removed its stale pid file");
	}

	@Test
	void reloadWhenNotRunningShouldBeSeven() {
		assertThat(control().reload()).isEqualTo(LsbExitStatus.NOT_RUNNING);
		assertThat(control().reopenLogs()).isEqualTo(LsbExitStatus.NOT_RUNNING);
	}

	@Test
	void removeStaleWhenLockedShouldKeepTheFile() throws Exception {
		try (PidFile locked = PidFile.acquire(pidFile())) {
			assertThat(PidFile.removeStale(pidFile())).isFalse();
			assertThat(pidFile()).exists();
		}
	}

	@Test
	void stateFileShouldRoundTripAndSitBesideThePidFile() throws Exception {
		DaemonStateFile file = DaemonStateFile.beside(pidFile());
		assertThat(file.getPath()).isEqualTo(this.directory.resolve("app.state"));
		ReloadResult reload = new ReloadResult(2, Instant.parse("2026-11-21T06:00:00Z"), Duration.ofMillis(42),
				Outcome.FAILED, List.of(), List.of(), "line 1\nline 2 = with 'quotes'");
		DaemonState state = new DaemonState(1234, Instant.parse("2026-11-21T05:00:00Z"), "detached",
				Instant.parse("2026-11-21T05:00:03Z"), reload, null, List.of("USR1", "USR2"));
		file.write(state);
		assertThat(file.read()).isEqualTo(state);
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactly("app.state");
		}
	}

	@Test
	void stateFileWhenAbsentOrForeignShouldReadNothing() throws Exception {
		DaemonStateFile file = DaemonStateFile.beside(pidFile());
		assertThat(file.read()).isNull();
		Files.writeString(file.getPath(), "not=ours\n");
		assertThat(file.read()).isNull();
	}

	@Test
	void reloadWhenTheStateSaysTheDaemonCannotHandleHupShouldNotSendIt() throws Exception {
		// This JVM holds the lock and has a HUP handler, so its signal mask says
		// "caught": only the recorded state can refuse, and a HUP sent anyway would be
		// counted
		AtomicInteger received = new AtomicInteger();
		Signal hup = new Signal("HUP");
		SignalHandler previous = Signal.handle(hup, (signal) -> received.incrementAndGet());
		try (PidFile locked = PidFile.acquire(pidFile())) {
			DaemonStateFile.beside(pidFile())
				.write(new DaemonState(ProcessHandle.current().pid(), Instant.now(), "foreground", Instant.now(), null,
						null, List.of("USR1", "USR2")));
			assertThat(control().reload()).isEqualTo(LsbExitStatus.UNIMPLEMENTED);
			assertThat(this.err.toString(StandardCharsets.UTF_8))
				.contains("app (pid " + ProcessHandle.current().pid() + ") cannot handle SIGHUP")
				.contains("so reload did not send it");
			assertThat(received).hasValue(0);
		}
		finally {
			Signal.handle(hup, previous);
		}
	}

	@Test
	void durationShouldReadLikeUptime() {
		assertThat(DurationText.uptime(Duration.ofSeconds(42))).isEqualTo("42s");
		assertThat(DurationText.uptime(Duration.ofSeconds(62))).isEqualTo("1m02s");
		assertThat(DurationText.uptime(Duration.ofMinutes(125))).isEqualTo("2h05m");
		assertThat(DurationText.uptime(Duration.ofHours(50))).isEqualTo("2d02h");
	}

	private DaemonControl control() {
		return new DaemonControl("app", pidFile(), Duration.ofSeconds(1), Duration.ofSeconds(1),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private Path pidFile() {
		return this.directory.resolve("app.pid");
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
