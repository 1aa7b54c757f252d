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
package io.github.bootd.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.launch.handshake.DaemonHandshake.Kind;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launch.handshake.LauncherHandshake.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LaunchWait}: the launcher's wait for its daemon child, driven by a
 * scripted child, reports and clock (the real two-JVM paths are covered by
 * DetachedStartIT, StartFailureIT, LateDecisionIT and RestartIT).
 *
 * @author bootd authors
 */
class LaunchWaitTests {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path temp;

	private final FakeClock clock = new FakeClock();

	private final FakeChild child = new FakeChild();

	private final FakeReports reports = new FakeReports();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void runWhenTheChildIsReadyShouldSayWhereItRunsAndSucceed() {
		Decision known = decision(Duration.ofSeconds(60));
		this.reports.after(Duration.ofMillis(800), new Message(Kind.READY, "1234"));
		assertThat(wait(known).run()).hasValue(0);
		assertThat(out()).isEqualTo("Started app as a daemon: pid 4242, pid file " + this.temp.resolve("app.pid")
				+ ", output " + this.temp.resolve("app.out") + " (ready in 1.23 s)\n");
		assertThat(err()).isEmpty();
		assertThat(this.child.destroyed).isFalse();
	}

	@Test
	void runWhenLaunchedEarlyShouldTakeTheChildsDecisionAndItsTimeout() {
		this.reports.after(Duration.ofMillis(100), new Message(Kind.DECIDED, decision(Duration.ofSeconds(2)).encode()));
		this.child.exitsOnTerm = true;
		OptionalInt exit = wait(null).run();
		assertThat(exit).hasValue(1);
		assertThat(err()).startsWith("bootd: app (pid 4242) did not become ready within 2.00 s"
				+ " (daemon.startup-timeout); stopping it\n");
		assertThat(this.child.destroyed).isTrue();
		assertThat(this.child.killed).isFalse();
		assertThat(this.clock.elapsed()).isLessThan(DEFAULT_TIMEOUT);
	}

	@Test
	void runWhenTheChildIsNotNeededShouldReapItAndLetThisJvmRunTheApplication() {
		this.reports.after(Duration.ofMillis(300), new Message(Kind.NOT_DAEMON, ""), this.child::exit);
		assertThat(wait(null).run()).isEmpty();
		assertThat(out()).isEmpty();
		assertThat(err()).isEmpty();
		assertThat(this.child.killed).isFalse();
	}

	@Test
	void runWhenTheConfigurationIsInvalidShouldPrintTheAnalysisAndExitNotConfigured() {
		this.reports.after(Duration.ofMillis(300), new Message(Kind.WARNING, "daemon.enabeld is not a daemon.* key"));
		this.reports.after(Duration.ofMillis(1), new Message(Kind.INVALID, "Invalid daemon.umask: 999"),
				this.child::exit);
		assertThat(wait(null).run()).hasValue(6);
		assertThat(err())
			.isEqualTo("bootd: warning: daemon.enabeld is not a daemon.* key\nInvalid daemon.umask: 999\n");
	}

	@Test
	void runWhenTheDaemonRunsAlreadyShouldSaySoAndSucceed() {
		this.reports.after(Duration.ofMillis(100), new Message(Kind.DECIDED, decision(DEFAULT_TIMEOUT).encode()));
		this.reports.after(Duration.ofMillis(100), new Message(Kind.RUNNING, "777"), this.child::exit);
		assertThat(wait(null).run()).hasValue(0);
		assertThat(out()).isEqualTo(DaemonLauncher.alreadyRunning("app", this.temp.resolve("app.pid"), 777) + "\n");
	}

	@Test
	void runWhenTheStartFailsShouldPrintTheAnalysisOnceTheChildHasExited() {
		Decision known = decision(DEFAULT_TIMEOUT);
		this.reports.after(Duration.ofMillis(500), new Message(Kind.FAILED, "Port 8080 is in use"));
		this.reports.after(Duration.ofMillis(50), new Message(Kind.ANALYSIS, "Web server failed to start."));
		this.reports.after(Duration.ofMillis(50), new Message(null, ""), this.child::exit);
		assertThat(wait(known).run()).hasValue(1);
		// The analysis, not the failure's first line; and no hint at an output file that
		// holds nothing of this start
		assertThat(err()).isEqualTo("bootd: app (pid 4242) failed to start\n\nWeb server failed to start.\n\n");
	}

	@Test
	void runWhenAFailedChildLingersShouldStopWaitingSoonKillItAndRemoveItsPidFile() throws IOException {
		Decision known = decision(DEFAULT_TIMEOUT);
		Files.writeString(known.pidFile(), "4242\n");
		Files.writeString(known.outputFile(), "started\n");
		this.reports.after(Duration.ofMillis(500), new Message(Kind.FAILED, "Port 8080 is in use"),
				() -> append(known.outputFile(), "APPLICATION FAILED TO START\n"));
		assertThat(wait(known).run()).hasValue(1);
		assertThat(err()).isEqualTo("bootd: app (pid 4242) did not exit within 10.00 s; killing it\n"
				+ "bootd: app (pid 4242) failed to start\n\nPort 8080 is in use\n\n"
				+ "bootd: the daemon's output is in " + known.outputFile() + "\n");
		assertThat(this.child.killed).isTrue();
		assertThat(known.pidFile()).doesNotExist();
		// The analysis grace, not the start-up timeout, then the exit grace
		assertThat(this.clock.elapsed()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(16));
	}

	@Test
	void runWhenTheChildExitsWithoutConnectingShouldSayItWasKilledOrCrashed() {
		this.reports.connected = false;
		this.child.exit();
		assertThat(wait(null).run()).hasValue(1);
		assertThat(err())
			.startsWith("bootd: the application (pid 4242) failed to start and exited without a"
					+ " report: it was killed by a signal it cannot catch")
			.endsWith("\nbootd: the daemon had not read its configuration yet\n");
		// Its connection had a moment to be accepted
		assertThat(this.clock.elapsed()).isGreaterThan(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void runWhenTheChildHasConnectedShouldWaitForItsReportsNotItsProcess() {
		this.reports.after(Duration.ofSeconds(30), new Message(Kind.READY, "30000"));
		this.child.exit();
		assertThat(wait(decision(DEFAULT_TIMEOUT)).run()).hasValue(0);
	}

	@Test
	void runWhenAnotherProcessSignalsTheChildShouldNameTheSignal() {
		Decision known = decision(DEFAULT_TIMEOUT);
		this.reports.after(Duration.ofMillis(500), new Message(Kind.SIGNALLED, "SIGTERM"));
		this.reports.after(Duration.ofMillis(50), new Message(null, ""), this.child::exit);
		assertThat(wait(known).run()).hasValue(1);
		assertThat(err()).startsWith("bootd: app (pid 4242) failed to start: it was stopped by SIGTERM while"
				+ " starting, before it was ready");
	}

	@Test
	void runWhenTheChildIsSignalledAndNeverReadyShouldSayItReceivedTheSignal() {
		this.reports.after(Duration.ofMillis(100), new Message(Kind.SIGNALLED, "SIGINT"));
		this.child.exitsOnTerm = true;
		assertThat(wait(decision(Duration.ofSeconds(3))).run()).hasValue(1);
		assertThat(err()).isEqualTo("bootd: app (pid 4242) did not become ready within 3.00 s"
				+ " (daemon.startup-timeout) (it received SIGINT while starting); stopping it\n");
	}

	private LaunchWait wait(@Nullable Decision known) {
		return new LaunchWait(this.child, this.reports, known, DEFAULT_TIMEOUT,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.clock);
	}

	private Decision decision(Duration startupTimeout) {
		return new Decision("app", this.temp.resolve("app.pid"), this.temp.resolve("app.out"), startupTimeout);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
	}

	private static void append(@Nullable Path file, String text) {
		try {
			Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class FakeClock implements LaunchWait.Clock {

		private long now = 1_000_000_000L;

		private final long start = this.now;

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void sleep(Duration duration) {
			advance(duration);
		}

		void advance(Duration duration) {
			this.now += duration.toNanos();
		}

		Duration elapsed() {
			return Duration.ofNanos(this.now - this.start);
		}

	}

	private static final class FakeChild implements LaunchWait.Child {

		private boolean alive = true;

		private boolean exitsOnTerm;

		private boolean destroyed;

		private boolean killed;

		@Override
		public long pid() {
			return 4242;
		}

		@Override
		public boolean isAlive() {
			return this.alive;
		}

		@Override
		public void destroy() {
			this.destroyed = true;
			if (this.exitsOnTerm) {
				this.alive = false;
			}
		}

		@Override
		public void destroyForcibly() {
			this.killed = true;
			this.alive = false;
		}

		void exit() {
			this.alive = false;
		}

	}

	/**
	 * The child's reports, each after a delay; waiting for one moves the clock on.
	 */
	private final class FakeReports implements LaunchWait.Reports {

		private final Deque<Step> steps = new ArrayDeque<>();

		private boolean connected = true;

		void after(Duration delay, Message message) {
			after(delay, message, () -> {
			});
		}

		void after(Duration delay, Message message, Runnable then) {
			this.steps.add(new Step(delay, message, then));
		}

		@Override
		public @Nullable Message poll(Duration timeout) {
			Step next = this.steps.peek();
			if (next == null || next.delay.compareTo(timeout) > 0) {
				if (next != null) {
					next.delay = next.delay.minus(timeout);
				}
				LaunchWaitTests.this.clock.advance(timeout);
				return null;
			}
			this.steps.remove();
			LaunchWaitTests.this.clock.advance(next.delay);
			next.then.run();
			return next.message;
		}

		@Override
		public boolean isConnected() {
			return this.connected;
		}

	}

	private static final class Step {

		private Duration delay;

		private final Message message;

		private final Runnable then;

		Step(Duration delay, Message message, Runnable then) {
			this.delay = delay;
			this.message = message;
			this.then = then;
		}

	}

}
