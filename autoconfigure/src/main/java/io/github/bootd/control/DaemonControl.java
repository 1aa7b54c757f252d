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

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.bootd.control.DaemonState.Reload;
import io.github.bootd.pidfile.LockSocket;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.settings.ControlAction;

/**
 * The stop, status, reload and reopen-logs actions on the daemon that holds the lock of a
 * pid file. The daemon is found only through that lock (a pid whose lock nobody holds is
 * not ours: after a crash its number may belong to an unrelated process), or, when no
 * file at its path is locked, through the socket the daemon holds beside it (a pid file
 * deleted while the daemon runs, see {@link LockSocket}); never by process name. Each action prints one line for a human and returns its LSB exit status.
 *
 * @author bootd authors
 */
public final class DaemonControl {

	/** kill(1), from procps or util-linux: both take {@code -s NAME} and print strerror(3). */
	private static final String KILL = "/bin/kill";

	/*
	 * Linux's signal numbers, only to read the SigCgt mask of /proc/<pid>/status, which
	 * only Linux has: signals are sent by name (kill -s), never by number.
	 */
	private static final int SIGHUP = 1;

	private static final int SIGUSR1 = 10;

	private static final int SIGTERM = 15;

	/** How long a killed process may take to be gone (SIGKILL cannot be refused). */
	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	/** How long a pid file may stay locked but empty: between its lock and its write. */
	private static final Duration PID_WRITE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration POLL = Duration.ofMillis(10);

	private final String name;

	private final Path pidFile;

	private final Duration stopTimeout;

	private final Duration reloadTimeout;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Set when the daemon was found through its socket, its pid file missing: what the
	 * human line adds. An instance performs one action.
	 */
	private @Nullable String foundBySocket;

	/**
	 * Create the actions on one daemon.
	 * @param name the application name, for messages
	 * @param pidFile the daemon's pid file
	 * @param stopTimeout how long stop waits after SIGTERM before SIGKILL
	 * @param reloadTimeout how long reload waits for the outcome
	 * @param out where the human line goes
	 * @param err where failures go
	 */
	public DaemonControl(String name, Path pidFile, Duration stopTimeout, Duration reloadTimeout, PrintStream out,
			PrintStream err) {
		this.name = name;
		this.pidFile = pidFile;
		this.stopTimeout = stopTimeout;
		this.reloadTimeout = reloadTimeout;
		this.out = out;
		this.err = err;
	}

	/**
	 * Perform an action other than start and restart, which need the launcher.
	 * @param action the action
	 * @return the LSB exit status
	 */
	public int run(ControlAction action) {
		return switch (action) {
			case STATUS -> status();
			case STOP -> stop();
			case RELOAD -> reload();
			case REOPEN_LOGS -> reopenLogs();
			case START, RESTART -> throw new IllegalArgumentException(action.value() + " needs the launcher");
		};
	}

	/**
	 * Tell whether the daemon runs: 0 running, 1 dead with its pid file left, 3 not
	 * running, 4 unknown (the pid file cannot be read).
	 * @return the LSB status code
	 */
	public int status() {
		OptionalLong holder;
		try {
			holder = holder();
		}
		catch (IOException ex) {
			this.err.println(cannotRead(ex));
			return LsbExitStatus.STATUS_UNKNOWN;
		}
		if (holder.isEmpty()) {
			if (Files.exists(this.pidFile, LinkOption.NOFOLLOW_LINKS)) {
				this.out.printf("%s is not running, but its pid file %s remains: the daemon died without removing it"
						+ " (crash or SIGKILL); the stop action removes it%n", this.name, this.pidFile);
				return LsbExitStatus.STATUS_DEAD_PID_FILE_EXISTS;
			}
			this.out.printf("%s is not running (no pid file %s)%n", this.name, this.pidFile);
			return LsbExitStatus.STATUS_NOT_RUNNING;
		}
		long pid = holder.getAsLong();
		DaemonState state = state(pid);
		StringBuilder line = new StringBuilder();
		line.append(String.format("%s is running: pid %d", this.name, pid));
		Instant started = (state != null) ? state.started()
				: ProcessHandle.of(pid).flatMap((process) -> process.info().startInstant()).orElse(null);
		if (started != null) {
			line.append(", up ").append(duration(Duration.between(started, Instant.now())));
		}
		if (state != null) {
			line.append(", ").append(state.mode());
			if (state.ready() == null) {
				line.append(", still starting");
			}
			Reload reload = state.lastReload();
			line.append(", ").append((reload != null) ? describe(reload) : "no reload yet");
		}
		if (this.foundBySocket != null) {
			line.append("; ").append(this.foundBySocket);
		}
		this.out.println(line);
		return LsbExitStatus.STATUS_RUNNING;
	}

	/**
	 * Stop the daemon: SIGTERM, wait up to the stop timeout, then SIGKILL; return once the
	 * process is gone and its pid file removed.
	 * @return 0 when stopped or not running, 4 without the privilege to signal it, 1 if
	 * it survived, 3 if it cannot handle SIGTERM
	 */
	public int stop() {
		OptionalLong holder;
		try {
			holder = holder();
		}
		catch (IOException ex) {
			this.err.println(cannotRead(ex));
			return privilegeOr(ex, LsbExitStatus.FAILED);
		}
		if (holder.isEmpty()) {
			// LSB: stopping a stopped service succeeds
			this.out.println(removeStale("%s was not running".formatted(this.name)));
			return LsbExitStatus.OK;
		}
		long pid = holder.getAsLong();
		Optional<ProcessHandle> found = ProcessHandle.of(pid);
		if (found.isEmpty()) {
			this.out.println(removeStale("%s (pid %d) exited".formatted(this.name, pid)));
			return LsbExitStatus.OK;
		}
		ProcessHandle process = found.get();
		if (!handles(pid, "TERM", "stop", "a SIGTERM would end it at once, without its graceful shutdown, and"
				+ " leave its pid file behind; its supervisor can still stop it (systemctl stop, docker stop)")) {
			return LsbExitStatus.UNIMPLEMENTED;
		}
		long start = System.nanoTime();
		if (!process.destroy() && process.isAlive()) {
			this.err.printf("bootd: not permitted to send SIGTERM to %s (pid %d): run the stop action as the user the"
					+ " daemon runs as, or as root%n", this.name, pid);
			return LsbExitStatus.INSUFFICIENT_PRIVILEGE;
		}
		if (awaitGone(process, this.stopTimeout) && awaitUnlocked(pid)) {
			String stopped = "Stopped %s (pid %d) in %s".formatted(this.name, pid, seconds(since(start)));
			this.out.println(removeStale(stopped) + foundBySocketNote());
			return LsbExitStatus.OK;
		}
		process.destroyForcibly();
		if (!awaitGone(process, KILL_TIMEOUT) || !awaitUnlocked(pid)) {
			this.err.printf("bootd: %s (pid %d) is still there %s after SIGKILL (uninterruptible I/O?); its pid file"
					+ " %s stays%n", this.name, pid, seconds(KILL_TIMEOUT), this.pidFile);
			return LsbExitStatus.FAILED;
		}
		String killed = ("%s (pid %d) did not stop within %s of SIGTERM (daemon.stop-timeout); killed it with SIGKILL")
			.formatted(this.name, pid, seconds(this.stopTimeout));
		this.out.println(removeStale(killed) + foundBySocketNote());
		return LsbExitStatus.OK;
	}

	/**
	 * Send SIGHUP and wait for the outcome of the reload it causes: the first reload
	 * that began after the signal was sent, so that it read the configuration files as
	 * they are now.
	 * @return 0 when applied, 1 when rejected (with the reason) or no outcome came, 7 if
	 * the daemon does not run, 4 without the privilege to signal it, 3 if it cannot
	 * handle SIGHUP
	 */
	public int reload() {
		Target target = targetForSignal("reload");
		if (target.pid() <= 0) {
			return target.status();
		}
		long pid = target.pid();
		if (!handles(pid, "HUP", "reload", "a SIGHUP would kill it instead of reloading it")) {
			return LsbExitStatus.UNIMPLEMENTED;
		}
		// Wall-clock time, because the daemon records when each reload began as an
		// Instant; the reload begins after the signal arrives, which is after this
		Instant asked = Instant.now();
		int sent = signal(pid, "SIGHUP");
		if (sent != LsbExitStatus.OK) {
			return sent;
		}
		long deadline = System.nanoTime() + this.reloadTimeout.toNanos();
		while (System.nanoTime() < deadline) {
			DaemonState state = state(pid);
			Reload reload = (state != null) ? state.lastReload() : null;
			if (reload != null && !reload.time().isBefore(asked)) {
				if (reload.applied()) {
					this.out.printf("Reloaded %s (pid %d): %s%n", this.name, pid, applied(reload));
					return LsbExitStatus.OK;
				}
				this.err.printf("bootd: %s (pid %d) rejected reload #%d and keeps its running configuration: %s%n",
						this.name, pid, reload.generation(), reload.error());
				return LsbExitStatus.FAILED;
			}
			if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				this.err.printf("bootd: %s (pid %d) exited before reporting the reload%n", this.name, pid);
				return LsbExitStatus.FAILED;
			}
			pause();
		}
		this.err.printf("bootd: sent SIGHUP to %s (pid %d) but it reported no reload outcome within %s (its state"
				+ " file %s; the daemon log says more)%n", this.name, pid, seconds(this.reloadTimeout),
				DaemonStateFile.beside(this.pidFile).getPath());
		return LsbExitStatus.FAILED;
	}

	/**
	 * Send SIGUSR1, which makes the daemon reopen its log files; it does not wait, the
	 * daemon logs the outcome as the first line of the fresh files.
	 * @return 0 when sent, 7 if the daemon does not run, 4 without the privilege, 3 if it
	 * cannot handle SIGUSR1
	 */
	public int reopenLogs() {
		Target target = targetForSignal("reopen-logs");
		if (target.pid() <= 0) {
			return target.status();
		}
		long pid = target.pid();
		if (!handles(pid, "USR1", "reopen-logs", "a SIGUSR1 would kill it instead of reopening its logs")) {
			return LsbExitStatus.UNIMPLEMENTED;
		}
		int sent = signal(pid, "SIGUSR1");
		if (sent == LsbExitStatus.OK) {
			this.out.printf("Asked %s (pid %d) to reopen its log files (SIGUSR1)%n", this.name, pid);
		}
		return sent;
	}

	/**
	 * Return what the running daemon published, as restart needs it before it stops the
	 * daemon.
	 * @return the state of the process holding the pid file's lock, {@code null} when
	 * none runs or it published nothing (yet)
	 */
	public @Nullable DaemonState runningState() {
		try {
			OptionalLong holder = holder();
			return holder.isPresent() ? state(holder.getAsLong()) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Whether the daemon handles a signal, checked before it is sent: under {@code -Xrs}
	 * the JVM has no handler for HUP, INT and TERM and the kernel's default ends it at
	 * once. The daemon records what it handles in its state file; until it is ready (or
	 * from an older version) {@code /proc/<pid>/status} tells whether a handler is
	 * installed. When neither can be read, the signal is sent as before.
	 * @param pid the daemon
	 * @param signal the signal name, such as {@code HUP}
	 * @param action the action, for the message
	 * @param consequence what the signal would do, for the message
	 * @return whether to send it; when not, the reason has been printed
	 */
	private boolean handles(long pid, String signal, String action, String consequence) {
		DaemonState state = state(pid);
		List<String> handled = (state != null) ? state.handledSignals() : null;
		Boolean caught = (handled != null) ? (Boolean) handled.contains(signal) : caught(pid, signal);
		if (caught == null || caught) {
			return true;
		}
		String option = reducedSignalUsageOption(pid);
		String why = (option != null) ? "its JVM runs with " + option
				: "its JVM has no handler for it; the daemon's log says why at start-up";
		String fix = (option != null) ? "restart it without " + option : "restart it so that it can handle SIG" + signal;
		this.err.printf("bootd: %s (pid %d) cannot handle SIG%s (%s), so %s did not send it: %s. To %s it with bootd,"
				+ " %s%n", this.name, pid, signal, why, action, consequence, action, fix);
		return false;
	}

	/**
	 * Whether a process has a handler for a signal, from the {@code SigCgt} mask of
	 * {@code /proc/<pid>/status}; {@code null} when it cannot be read. A signal not caught
	 * is ignored or at its default, which for these signals ends the process.
	 */
	private static @Nullable Boolean caught(long pid, String signal) {
		int number = switch (signal) {
			case "HUP" -> SIGHUP;
			case "USR1" -> SIGUSR1;
			case "TERM" -> SIGTERM;
			default -> throw new IllegalArgumentException(signal);
		};
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("SigCgt:")) {
					long mask = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
					return (mask & (1L << (number - 1))) != 0;
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** The option that reserves the signals, if the daemon's command line has one. */
	private static @Nullable String reducedSignalUsageOption(long pid) {
		try {
			byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			String option = null;
			for (String argument : new String(bytes, StandardCharsets.UTF_8).split("\\x00")) {
				if (argument.equals("-jar") || argument.equals("-m")) {
					break;
				}
				if (argument.equals("-Xrs") || argument.equals("-XX:+ReduceSignalUsage")) {
					option = argument;
				}
			}
			return option;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private Target targetForSignal(String action) {
		OptionalLong holder;
		try {
			holder = holder();
		}
		catch (IOException ex) {
			this.err.println(cannotRead(ex));
			return new Target(0, privilegeOr(ex, LsbExitStatus.FAILED));
		}
		if (holder.isEmpty()) {
			this.err.printf("bootd: %s is not running (no process holds the lock of %s): nothing to %s%n", this.name,
					this.pidFile, action);
			return new Target(0, LsbExitStatus.NOT_RUNNING);
		}
		return new Target(holder.getAsLong(), LsbExitStatus.OK);
	}

	private int signal(long pid, String name) {
		// kill(1), not a native binding: an action runs no native code of its own, so a
		// JVM that restricts native access (Java 24+) has nothing to warn about, and it
		// costs a process start instead of a few hundred ms of binding. The C locale
		// keeps kill's reason (strerror) in the words matched below
		ProcessBuilder kill = new ProcessBuilder(KILL, "-s", name.substring("SIG".length()), Long.toString(pid))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true);
		kill.environment().put("LC_ALL", "C");
		String said;
		int exit;
		try {
			Process process = kill.start();
			said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
				.strip();
			exit = process.waitFor();
		}
		catch (IOException ex) {
			this.err.printf("bootd: could not run %s to send %s to %s (pid %d): %s%n", KILL, name, this.name, pid,
					ex.getMessage());
			return LsbExitStatus.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + name, ex);
		}
		if (exit == 0) {
			return LsbExitStatus.OK;
		}
		// EPERM and ESRCH, as kill(2) reports them through strerror(3)
		if (said.contains("Operation not permitted")) {
			this.err.printf("bootd: not permitted to send %s to %s (pid %d): run the action as the user the"
					+ " daemon runs as, or as root%n", name, this.name, pid);
			return LsbExitStatus.INSUFFICIENT_PRIVILEGE;
		}
		if (said.contains("No such process")) {
			this.err.printf("bootd: %s (pid %d) is not running%n", this.name, pid);
			return LsbExitStatus.NOT_RUNNING;
		}
		this.err.printf("bootd: could not send %s to %s (pid %d): %s exited with %d: %s%n", name, this.name, pid,
				KILL, exit, said);
		return LsbExitStatus.FAILED;
	}

	/**
	 * The pid holding the lock; a holder that locked the file but has not written its
	 * pid yet (a start in progress) is given a moment.
	 */
	private OptionalLong holder() throws IOException {
		long deadline = System.nanoTime() + PID_WRITE_TIMEOUT.toNanos();
		while (true) {
			OptionalLong holder = PidFile.holder(this.pidFile);
			if (holder.isEmpty() || holder.getAsLong() > 0 || System.nanoTime() > deadline) {
				if (holder.isPresent() && holder.getAsLong() <= 0) {
					throw new IOException("a process holds the lock of " + this.pidFile
							+ " but the file names no pid");
				}
				return holder.isPresent() ? holder : bySocket();
			}
			pause();
		}
	}

	/**
	 * No process locks a file at the pid file's path: the file may have been deleted while
	 * the daemon runs, and the daemon still holds the socket named after the path
	 * ({@link LockSocket}), found through /proc without native code.
	 */
	private OptionalLong bySocket() throws IOException {
		LockSocket.Holder holder;
		try {
			holder = LockSocket.holder(this.pidFile);
		}
		catch (IOException ex) {
			// No /proc/net/unix (not Linux): the file is all there is
			return OptionalLong.empty();
		}
		if (holder == null) {
			return OptionalLong.empty();
		}
		String socket = "@" + LockSocket.name(this.pidFile);
		if (holder.pid() <= 0) {
			throw new AccessDeniedException(this.pidFile.toString(), null,
					"its pid file is missing and the process holding its socket " + socket + " is not visible");
		}
		this.foundBySocket = "its pid file %s is %s: found it through its socket %s".formatted(this.pidFile,
				Files.exists(this.pidFile, LinkOption.NOFOLLOW_LINKS) ? "not locked by it" : "missing", socket);
		return OptionalLong.of(holder.pid());
	}

	private String foundBySocketNote() {
		return (this.foundBySocket != null) ? "; " + this.foundBySocket : "";
	}

	/** Gone, or a zombie: it has exited and released its files, only its parent's wait is left. */
	private boolean awaitGone(ProcessHandle process, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (process.isAlive() && !isZombie(process.pid())) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			pause();
		}
		return true;
	}

	/**
	 * A zombie's leader thread has exited, but its other threads may still be closing the
	 * process' files: the pid file's lock goes with the last of them.
	 */
	private boolean awaitUnlocked(long pid) {
		long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
		while (true) {
			try {
				OptionalLong holder = PidFile.holder(this.pidFile);
				if (holder.isEmpty() || holder.getAsLong() != pid) {
					return true;
				}
			}
			catch (IOException ex) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			pause();
		}
	}

	private static boolean isZombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * A daemon killed by SIGKILL could not remove its pid file: remove it now if no
	 * process holds its lock, and the state file with it.
	 */
	private String removeStale(String what) {
		try {
			if (PidFile.removeStale(this.pidFile)) {
				DaemonStateFile.beside(this.pidFile).delete();
				return what + "; removed its stale pid file " + this.pidFile;
			}
			DaemonStateFile.beside(this.pidFile).delete();
			return what;
		}
		catch (IOException ex) {
			return what + "; could not remove its stale pid file " + this.pidFile + ": " + ex.getMessage();
		}
	}

	private @Nullable DaemonState state(long pid) {
		try {
			DaemonState state = DaemonStateFile.beside(this.pidFile).read();
			return (state != null && state.pid() == pid) ? state : null;
		}
		catch (AccessDeniedException ex) {
			return null;
		}
	}

	private String cannotRead(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "bootd: cannot read the pid file " + this.pidFile + " (permission denied): run the action as the"
					+ " user the daemon runs as, or as root";
		}
		return "bootd: cannot read the pid file " + this.pidFile + ": " + ex.getMessage();
	}

	private static int privilegeOr(IOException ex, int otherwise) {
		return (ex instanceof AccessDeniedException) ? LsbExitStatus.INSUFFICIENT_PRIVILEGE : otherwise;
	}

	private static String describe(Reload reload) {
		String ago = duration(Duration.between(reload.time(), Instant.now())) + " ago";
		if (reload.applied()) {
			return "last reload #%d applied %s".formatted(reload.generation(), ago);
		}
		return "last reload #%d rejected %s: %s".formatted(reload.generation(), ago, reload.error());
	}

	private static String applied(Reload reload) {
		return "reload #%d applied in %d ms: %s".formatted(reload.generation(), reload.duration().toMillis(),
				ReloadResult.describeChanges(reload.appliedKeys(), reload.restartKeys()));
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
	}

	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
		}
		if (seconds < 86400) {
			return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
		}
		return String.format(Locale.ROOT, "%dd%02dh", seconds / 86400, (seconds % 86400) / 3600);
	}

	/**
	 * The daemon to signal, or (pid 0) the exit status explaining why there is none.
	 */
	private record Target(long pid, int status) {

	}

	private static void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the daemon", ex);
		}
	}

}
