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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.github.bootd.DurationText;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launch.handshake.LauncherHandshake;
import io.github.bootd.launch.handshake.LauncherHandshake.Message;
import io.github.bootd.pidfile.PidFile;

/**
 * The launcher waiting for one daemon child: its reports arrive in order (DECIDED, then
 * RUNNING, READY or FAILED and ANALYSIS), or it exits, or the start-up timeout expires.
 * The launching command's output and exit status are decided here.
 *
 * @author bootd authors
 */
final class LaunchWait {

	/** How long a failed child may take to exit on its own before it is killed. */
	private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

	/**
	 * How long to wait for the failure analysis and exit that follow a failure report.
	 */
	private static final Duration ANALYSIS_GRACE = Duration.ofSeconds(5);

	/** How long an exited child's connection may take to be accepted and drained. */
	private static final Duration EXITED_GRACE = Duration.ofSeconds(1);

	private static final Duration POLL = Duration.ofMillis(50);

	private final Child process;

	private final Reports handshake;

	private final PrintStream out;

	private final PrintStream err;

	private final Clock clock;

	private final long start;

	private @Nullable Decision decision;

	/** Which file a failed child may have left, given the pid file it chose. */
	private UnaryOperator<Path> leftBehind = UnaryOperator.identity();

	private Duration timeout;

	private @Nullable String failure;

	private @Nullable String analysis;

	private @Nullable String signal;

	private long exitedAt;

	/** The output file's size before this child could write to it (it appends). */
	private long outputBefore;

	/**
	 * Create a wait for one child.
	 * @param process the child
	 * @param handshake its reports
	 * @param known what the launcher knows of the configuration, {@code null} when the
	 * child decides
	 * @param defaultTimeout the start-up timeout until the child tells its own
	 * @param out where the outcome is told
	 * @param err where failures and warnings are told
	 * @param clock the time
	 */
	LaunchWait(Child process, Reports handshake, @Nullable Decision known, Duration defaultTimeout, PrintStream out,
			PrintStream err, Clock clock) {
		this.process = process;
		this.handshake = handshake;
		this.out = out;
		this.err = err;
		this.clock = clock;
		this.start = clock.nanoTime();
		this.decision = known;
		// The child opens its output file only after its decision: nothing of it is there
		// yet
		this.outputBefore = outputSize();
		this.timeout = (known != null) ? known.startupTimeout() : defaultTimeout;
	}

	/**
	 * Wait for the child's outcome, telling it to the user.
	 * @return the exit status for the launching command, or empty when the child found
	 * the configuration does not ask for a detached daemon
	 */
	OptionalInt run() {
		while (true) {
			Duration left = this.timeout.minusNanos(this.clock.nanoTime() - this.start);
			if (left.isNegative() || left.isZero()) {
				return OptionalInt.of((this.failure != null) ? failed() : timedOut());
			}
			Message message = this.handshake.poll((left.compareTo(POLL) < 0) ? left : POLL);
			if (message == null) {
				if (hasExitedSilently()) {
					return OptionalInt.of(failed());
				}
				continue;
			}
			if (message.kind() == null) {
				return OptionalInt.of(failed());
			}
			switch (message.kind()) {
				case DECIDED -> {
					this.decision = Decision.decode(message.text());
					this.timeout = this.decision.startupTimeout();
					this.outputBefore = outputSize();
				}
				case NOT_DAEMON -> {
					reap();
					return OptionalInt.empty();
				}
				case INVALID -> {
					reap();
					this.err.println(message.text());
					return OptionalInt.of(DaemonLauncher.EXIT_NOT_CONFIGURED);
				}
				case RUNNING -> {
					reap();
					this.out.println(DaemonLauncher.alreadyRunning(decision().name(), decision().pidFile(),
							parsePid(message.text())));
					return OptionalInt.of(DaemonLauncher.EXIT_OK);
				}
				case READY -> {
					this.out.println(started(Duration.ofMillis(Long.parseLong(message.text()))));
					return OptionalInt.of(DaemonLauncher.EXIT_OK);
				}
				case FAILED -> {
					this.failure = message.text();
					Duration soon = Duration.ofNanos(this.clock.nanoTime() - this.start).plus(ANALYSIS_GRACE);
					this.timeout = (soon.compareTo(this.timeout) < 0) ? soon : this.timeout;
				}
				case ANALYSIS -> this.analysis = message.text();
				case SIGNALLED -> this.signal = message.text();
				case WARNING -> this.err.println("bootd: warning: " + message.text());
			}
		}
	}

	/**
	 * A child that exits without ever connecting sends no end of messages: give its
	 * connection a moment to be accepted, then stop waiting.
	 */
	private boolean hasExitedSilently() {
		if (this.process.isAlive() || this.handshake.isConnected()) {
			return false;
		}
		if (this.exitedAt == 0) {
			this.exitedAt = this.clock.nanoTime();
		}
		return this.clock.nanoTime() - this.exitedAt > EXITED_GRACE.toNanos();
	}

	private int failed() {
		reap();
		StringBuilder message = new StringBuilder();
		message.append(String.format("bootd: %s (pid %d) failed to start", name(), this.process.pid()));
		if (this.signal != null) {
			// Nothing in bootd sends it before the daemon is ready: someone else stopped
			// it
			message.append(String.format(": it was stopped by %s while starting, before it was ready (a signal"
					+ " sent by another process: an operator, a script or a supervisor)", this.signal));
		}
		else if (this.analysis == null && this.failure == null) {
			// Not its parent (setsid forked it), the launcher cannot read its exit status
			message.append(" and exited without a report: it was killed by a signal it cannot catch (SIGKILL:"
					+ " kill -9 or the kernel's out-of-memory killer), crashed, or exited before bootd ran in it (a"
					+ " System.exit in main)");
		}
		if (this.analysis != null || this.failure != null) {
			message.append(String.format("%n%n%s%n", (this.analysis != null) ? this.analysis : this.failure));
		}
		String hint = outputHint();
		if (hint != null) {
			message.append(String.format("%n%s", hint));
		}
		else if (this.analysis == null && this.failure == null) {
			message.append(String
				.format("%nbootd: it wrote no output; run it with daemon.mode=foreground to" + " watch it start"));
		}
		this.err.println(message);
		return DaemonLauncher.EXIT_FAILED;
	}

	/**
	 * Stop a child that is not ready in time, as systemd does on TimeoutStartSec: a start
	 * reported failed leaves nothing running.
	 */
	private int timedOut() {
		String signalled = (this.signal != null) ? " (it received " + this.signal + " while starting)" : "";
		this.err.printf("bootd: %s (pid %d) did not become ready within %s (daemon.startup-timeout)%s; stopping it%n",
				name(), this.process.pid(), format(this.timeout), signalled);
		this.process.destroy();
		reap();
		String hint = outputHint();
		if (hint != null) {
			this.err.println(hint);
		}
		return DaemonLauncher.EXIT_FAILED;
	}

	/**
	 * Wait for the child to exit, killing it if it lingers (a non-daemon thread can keep
	 * a JVM alive after a failed start). The child is not ours to wait for (setsid forked
	 * it), so poll, within a bound.
	 */
	private void reap() {
		if (!awaitExit(EXIT_GRACE)) {
			this.err.printf("bootd: %s (pid %d) did not exit within %s; killing it%n", name(), this.process.pid(),
					format(EXIT_GRACE));
			this.process.destroyForcibly();
			awaitExit(EXIT_GRACE);
		}
		removeStalePidFile();
	}

	/**
	 * A child stopped while it was creating its pid file, or killed, cannot remove it: a
	 * failed start leaves nothing behind.
	 */
	private void removeStalePidFile() {
		if (this.decision == null || this.process.isAlive()) {
			return;
		}
		try {
			PidFile.removeStale(this.leftBehind.apply(this.decision.pidFile()), this.process.pid());
		}
		catch (IOException ex) {
			this.err.println(
					"bootd: could not remove the stale pid file " + this.decision.pidFile() + ": " + ex.getMessage());
		}
	}

	private boolean awaitExit(Duration limit) {
		long deadline = this.clock.nanoTime() + limit.toNanos();
		while (this.process.isAlive()) {
			if (this.clock.nanoTime() > deadline) {
				return false;
			}
			try {
				this.clock.sleep(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private String started(Duration timeToReady) {
		Decision decision = decision();
		return String.format("Started %s as a daemon: pid %d, pid file %s, output %s (ready in %s)", decision.name(),
				this.process.pid(), decision.pidFile(), decision.output(), format(timeToReady));
	}

	/**
	 * Where to look next, or {@code null} when there is nothing to see: an output file
	 * this child wrote nothing to is not worth a look.
	 */
	private @Nullable String outputHint() {
		Decision decision = this.decision;
		if (decision == null) {
			return "bootd: the daemon had not read its configuration yet";
		}
		Path outputFile = decision.outputFile();
		if (outputFile == null) {
			return "bootd: the daemon's output was discarded; set daemon.output-file to keep it";
		}
		return (outputSize() > this.outputBefore) ? "bootd: the daemon's output is in " + outputFile : null;
	}

	private long outputSize() {
		Path outputFile = (this.decision != null) ? this.decision.outputFile() : null;
		try {
			return (outputFile != null) ? Files.size(outputFile) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Set which file a failed child may have left instead of the pid file it chose: an
	 * upgrade's successor locks a file beside the pid file, and the waiting daemon holds
	 * the pid file itself, which it must never open (closing any descriptor of it would
	 * drop its lock).
	 * @param leftBehind the file, given the pid file
	 * @return this wait
	 */
	LaunchWait removingStale(UnaryOperator<Path> leftBehind) {
		this.leftBehind = leftBehind;
		return this;
	}

	/**
	 * Return what the child decided, once it said.
	 * @return the decision, {@code null} before the child reported it
	 */
	@Nullable Decision decided() {
		return this.decision;
	}

	private Decision decision() {
		if (this.decision == null) {
			throw new IllegalStateException("The daemon child reported before its decision");
		}
		return this.decision;
	}

	private String name() {
		return (this.decision != null) ? this.decision.name() : "the application";
	}

	private long parsePid(String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String format(Duration duration) {
		return DurationText.seconds(duration);
	}

	/**
	 * The child being waited for. Not this JVM's child to wait for (setsid forked it), so
	 * only its liveness can be polled.
	 */
	interface Child {

		long pid();

		boolean isAlive();

		void destroy();

		void destroyForcibly();

		static Child of(ProcessHandle process) {
			return new Child() {

				@Override
				public long pid() {
					return process.pid();
				}

				@Override
				public boolean isAlive() {
					return process.isAlive();
				}

				@Override
				public void destroy() {
					process.destroy();
				}

				@Override
				public void destroyForcibly() {
					process.destroyForcibly();
				}

			};
		}

	}

	/**
	 * The child's reports, in the order it sent them.
	 */
	interface Reports {

		/**
		 * Wait for the next report.
		 * @param timeout how long to wait
		 * @return the report, or {@code null} if none arrived in time
		 */
		@Nullable Message poll(Duration timeout);

		/**
		 * Return whether the child connected: once it has, its reports end with one whose
		 * kind is {@code null} when it exits.
		 * @return whether the child connected
		 */
		boolean isConnected();

		static Reports of(LauncherHandshake handshake) {
			return new Reports() {

				@Override
				public @Nullable Message poll(Duration timeout) {
					return handshake.poll(timeout);
				}

				@Override
				public boolean isConnected() {
					return handshake.isConnected();
				}

			};
		}

	}

	/**
	 * The time the wait measures its bounds in.
	 */
	interface Clock {

		Clock SYSTEM = new Clock() {

			@Override
			public long nanoTime() {
				return System.nanoTime();
			}

			@Override
			public void sleep(Duration duration) throws InterruptedException {
				Thread.sleep(duration.toMillis());
			}

		};

		long nanoTime();

		void sleep(Duration duration) throws InterruptedException;

	}

}
