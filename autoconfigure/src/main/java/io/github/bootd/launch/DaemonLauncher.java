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
package io.github.bootd.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.bootd.DaemonProperties;
import io.github.bootd.DurationText;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.launch.LauncherHandshake.Message;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.signal.HandleableSignals;

/**
 * Starts the daemon child and waits for its reports, so that the launching command
 * returns only once the service is really ready, or says why it is not and exits
 * non-zero with nothing left running.
 *
 * @author bootd authors
 */
final class DaemonLauncher {

	/** Exit status when the daemon runs (LSB: starting a running service succeeds). */
	static final int EXIT_OK = 0;

	/** Exit status when the daemon failed to start or did not become ready in time. */
	static final int EXIT_FAILED = 1;

	/** Exit status for an invalid {@code daemon.*} value (LSB: program is not configured). */
	static final int EXIT_NOT_CONFIGURED = 6;

	/** How long a failed child may take to exit on its own before it is killed. */
	private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

	/** How long to wait for the failure analysis and exit that follow a failure report. */
	private static final Duration ANALYSIS_GRACE = Duration.ofSeconds(5);

	/** How long an exited child's connection may take to be accepted and drained. */
	private static final Duration EXITED_GRACE = Duration.ofSeconds(1);

	private static final Duration POLL = Duration.ofMillis(50);

	/** How long {@code jcmd} may take to stop the launcher's JMX agent. */
	private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(15);

	private final Path launchDirectory;

	private final PrintStream out;

	private final PrintStream err;

	private @Nullable Path errorFileDirectory;

	DaemonLauncher(Path launchDirectory, PrintStream out, PrintStream err) {
		this.launchDirectory = launchDirectory;
		this.out = out;
		this.err = err;
	}

	/**
	 * Set where the daemon's {@link HotSpotErrorFile error file} goes when the launch
	 * knows no decision yet (a guess that the child corrects).
	 * @param directory the pid file's directory, as far as the launcher can tell
	 * @return this launcher
	 */
	DaemonLauncher errorFileDirectory(Path directory) {
		this.errorFileDirectory = directory;
		return this;
	}

	/**
	 * Launch the daemon child and wait for it.
	 * @param known what the launcher knows of the configuration already, or {@code null}
	 * when it launches before loading it and the child decides
	 * @return the exit status for the launching command, or empty when the child found
	 * the configuration does not ask for a detached daemon and this JVM should run the
	 * application itself
	 */
	OptionalInt launch(@Nullable Decision known) {
		if (known != null && !HandleableSignals.refusedToDetach().isEmpty()) {
			// The child runs with this JVM's options: it could not handle them either
			this.err.println(cannotHandleSignals(known, HandleableSignals.refusedToDetach()));
			return OptionalInt.of(EXIT_NOT_CONFIGURED);
		}
		try {
			if (known != null) {
				OptionalLong holder = PidFile.holder(known.pidFile());
				if (holder.isPresent()) {
					this.out.println(alreadyRunning(known.name(), known.pidFile(), holder.getAsLong()));
					return OptionalInt.of(EXIT_OK);
				}
			}
			try (LauncherHandshake handshake = LauncherHandshake.open()) {
				ProcessHandle process = start(handshake, known);
				return new Wait(process, handshake, known).run();
			}
		}
		catch (IOException ex) {
			this.err.println("bootd: could not start the daemon: " + ex);
			return OptionalInt.of(EXIT_FAILED);
		}
	}

	/**
	 * Start the child: the same command line with a marker, stdin from /dev/null and
	 * stdout and stderr on /dev/null until the child, which knows its output file, puts
	 * them there itself.
	 */
	private ProcessHandle start(LauncherHandshake handshake, @Nullable Decision known) throws IOException {
		// The launcher's JVM holds the ports of its debug and JMX agents: the daemon
		// must not get options that would make it fail to bind them
		Predicate<String> leaveOut = releaseJmxPort() ? JvmCommandLine::isJdwp
				: (option) -> JvmCommandLine.isJdwp(option) || JvmCommandLine.isJmxPort(option);
		List<String> dropped = new ArrayList<>();
		String marker = "-D" + DaemonHandshake.PROPERTY + "=" + handshake.socket();
		JvmCommandLine current = JvmCommandLine.current();
		List<byte[]> command = current.forDaemonBytes(marker, leaveOut, dropped);
		Path errorFileDirectory = (known != null) ? known.pidFile().getParent() : this.errorFileDirectory;
		if (errorFileDirectory != null && !HotSpotErrorFile.setByUser(current, System.getenv())) {
			// Right before the marker (argv[1]), where the child tells it from an option of the user's
			command.add(1, JvmCommandLine.encode(HotSpotErrorFile.option(errorFileDirectory)));
		}
		// The daemon records how it was launched, for a restart to run the same again
		new LaunchCommand(Path.of(current.arguments().get(0)), this.launchDirectory, current.forRelaunch())
			.writeTo(handshake.directory().resolve(LauncherHandshake.RECORD));
		Map<String, String> environment = new HashMap<>();
		leaveOut(environment, "JAVA_TOOL_OPTIONS", leaveOut, dropped);
		leaveOut(environment, "JDK_JAVA_OPTIONS", leaveOut, dropped);
		if (!dropped.isEmpty()) {
			this.err.println("bootd: the launcher holds the port of these JVM options, so the daemon runs without "
					+ "them: " + String.join(" ", dropped) + " (use daemon.mode=foreground to debug or monitor it)");
		}
		return DaemonSpawner.spawn(command, marker, handshake.directory().resolve(LauncherHandshake.SCRIPT),
				environment);
	}

	private void leaveOut(Map<String, String> environment, String variable, Predicate<String> leaveOut,
			List<String> dropped) {
		String value = System.getenv(variable);
		if (value == null || Arrays.stream(value.split("\\s+")).noneMatch(leaveOut)) {
			return;
		}
		Arrays.stream(value.split("\\s+")).filter(leaveOut).forEach(dropped::add);
		environment.put(variable,
				Arrays.stream(value.split("\\s+")).filter(leaveOut.negate()).collect(Collectors.joining(" ")));
	}

	/**
	 * The JVM started the JMX agent of {@code com.sun.management.jmxremote.port} before
	 * bootd ran. Stop it, so that the daemon, the process the operator wants to observe,
	 * can bind the same port. JDK 17 offers {@code ManagementAgent.stop} only through the
	 * attach API, so ask {@code jcmd}, which only a JDK has.
	 * @return whether the daemon can keep the JMX port options
	 */
	private boolean releaseJmxPort() {
		if (System.getProperty("com.sun.management.jmxremote.port") == null) {
			return true;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		if (!Files.isExecutable(jcmd)) {
			return false;
		}
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
					"ManagementAgent.stop")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * A detached daemon is reloaded with HUP (logrotate, the reload action) and stopped
	 * with TERM; if its JVM cannot handle them, they kill it on the spot and leave its
	 * pid file behind, so it must not start at all.
	 */
	static String cannotHandleSignals(Decision decision, List<String> refused) {
		String option = HandleableSignals.reducedSignalUsageOption();
		String cause = (option != null) ? "the JVM runs with " + option
				: "the JVM refused a handler for " + HandleableSignals.describe(refused);
		String fix = (option != null) ? "remove " + option + " from the java command (or JAVA_TOOL_OPTIONS,"
				+ " JDK_JAVA_OPTIONS)" : "start it on a JVM that lets it handle them";
		return "bootd: " + decision.name() + " was not started as a daemon: it could not handle "
				+ HandleableSignals.describe(refused) + " (" + cause + "), so a reload or logrotate's kill -HUP"
				+ " would kill it instead of reloading it, and a stop would end it without its graceful shutdown and"
				+ " leave its pid file " + decision.pidFile() + " behind. To run it detached, " + fix
				+ "; or run it in the foreground (daemon.mode=foreground, under systemd or a container), where bootd"
				+ " warns and its actions refuse to send those signals.";
	}

	static String alreadyRunning(String name, Path pidFile, long pid) {
		return "bootd: " + name + " is " + DaemonAlreadyRunningException.message(pidFile, (pid > 0) ? pid : null);
	}

	private static String format(Duration duration) {
		return DurationText.seconds(duration);
	}

	/**
	 * Waiting for one child: its reports arrive in order (DECIDED, then RUNNING, READY or
	 * FAILED and ANALYSIS), or it exits, or the start-up timeout expires.
	 */
	private final class Wait {

		private final ProcessHandle process;

		private final LauncherHandshake handshake;

		private final long start = System.nanoTime();

		private @Nullable Decision decision;

		private Duration timeout;

		private @Nullable String failure;

		private @Nullable String analysis;

		private @Nullable String signal;

		private long exitedAt;

		/** The output file's size before this child could write to it (it appends). */
		private long outputBefore;

		Wait(ProcessHandle process, LauncherHandshake handshake, @Nullable Decision known) {
			this.process = process;
			this.handshake = handshake;
			this.decision = known;
			// The child opens its output file only after its decision: nothing of it is there yet
			this.outputBefore = outputSize();
			this.timeout = (known != null) ? known.startupTimeout() : new DaemonProperties().getStartupTimeout();
		}

		OptionalInt run() {
			while (true) {
				Duration left = this.timeout.minusNanos(System.nanoTime() - this.start);
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
						PrintStream err = DaemonLauncher.this.err;
						err.println(message.text());
						return OptionalInt.of(EXIT_NOT_CONFIGURED);
					}
					case RUNNING -> {
						reap();
						DaemonLauncher.this.out.println(alreadyRunning(decision().name(), decision().pidFile(),
								parsePid(message.text())));
						return OptionalInt.of(EXIT_OK);
					}
					case READY -> {
						DaemonLauncher.this.out.println(started(Duration.ofMillis(Long.parseLong(message.text()))));
						return OptionalInt.of(EXIT_OK);
					}
					case FAILED -> {
						this.failure = message.text();
						Duration soon = Duration.ofNanos(System.nanoTime() - this.start).plus(ANALYSIS_GRACE);
						this.timeout = (soon.compareTo(this.timeout) < 0) ? soon : this.timeout;
					}
					case ANALYSIS -> this.analysis = message.text();
					case SIGNALLED -> this.signal = message.text();
					case WARNING -> DaemonLauncher.this.err.println("bootd: warning: " + message.text());
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
				this.exitedAt = System.nanoTime();
			}
			return System.nanoTime() - this.exitedAt > EXITED_GRACE.toNanos();
		}

		private int failed() {
			reap();
			StringBuilder message = new StringBuilder();
			message.append(String.format("bootd: %s (pid %d) failed to start", name(), this.process.pid()));
			if (this.signal != null) {
				// Nothing in bootd sends it before the daemon is ready: someone else stopped it
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
				message.append(String.format("%nbootd: it wrote no output; run it with daemon.mode=foreground to"
						+ " watch it start"));
			}
			DaemonLauncher.this.err.println(message);
			return EXIT_FAILED;
		}

		/**
		 * Stop a child that is not ready in time, as systemd does on TimeoutStartSec: a
		 * start reported failed leaves nothing running.
		 */
		private int timedOut() {
			String signalled = (this.signal != null) ? " (it received " + this.signal + " while starting)" : "";
			DaemonLauncher.this.err.printf(
					"bootd: %s (pid %d) did not become ready within %s (daemon.startup-timeout)%s; stopping it%n", name(),
					this.process.pid(), format(this.timeout), signalled);
			this.process.destroy();
			reap();
			String hint = outputHint();
			if (hint != null) {
				DaemonLauncher.this.err.println(hint);
			}
			return EXIT_FAILED;
		}

		/**
		 * Wait for the child to exit, killing it if it lingers (a non-daemon thread can
		 * keep a JVM alive after a failed start). The child is not ours to wait for
		 * (setsid forked it), so poll, within a bound.
		 */
		private void reap() {
			if (!awaitExit(EXIT_GRACE)) {
				DaemonLauncher.this.err.printf("bootd: %s (pid %d) did not exit within %s; killing it%n", name(),
						this.process.pid(), format(EXIT_GRACE));
				this.process.destroyForcibly();
				awaitExit(EXIT_GRACE);
			}
			removeStalePidFile();
		}

		/**
		 * A child stopped while it was creating its pid file, or killed, cannot remove it:
		 * a failed start leaves nothing behind.
		 */
		private void removeStalePidFile() {
			if (this.decision == null || this.process.isAlive()) {
				return;
			}
			try {
				PidFile.removeStale(this.decision.pidFile(), this.process.pid());
			}
			catch (IOException ex) {
				DaemonLauncher.this.err.println("bootd: could not remove the stale pid file "
						+ this.decision.pidFile() + ": " + ex.getMessage());
			}
		}

		private boolean awaitExit(Duration limit) {
			long deadline = System.nanoTime() + limit.toNanos();
			while (this.process.isAlive()) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				try {
					Thread.sleep(POLL.toMillis());
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
			return String.format("Started %s as a daemon: pid %d, pid file %s, output %s (ready in %s)",
					decision.name(), this.process.pid(), decision.pidFile(), decision.output(), format(timeToReady));
		}

		/**
		 * Where to look next, or {@code null} when there is nothing to see: an output
		 * file this child wrote nothing to is not worth a look.
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

	}

}
