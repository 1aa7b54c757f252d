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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.bootd.DurationText;
import io.github.bootd.control.DaemonLookup.Found;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.upgrade.UpgradeResult;
import io.github.bootd.settings.ControlAction;

/**
 * The stop, status, reload and reopen-logs actions on the daemon that holds the lock of a
 * pid file, found by {@link DaemonLookup}. Each action prints one line for a human and
 * returns its LSB exit status.
 *
 * @author bootd authors
 */
public final class DaemonControl {

	/** How long a killed process may take to be gone (SIGKILL cannot be refused). */
	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	/** Beyond the start-up timeout: how long a failed successor may take to stop. */
	private static final Duration UPGRADE_MARGIN = Duration.ofSeconds(60);

	private final String name;

	private final Path pidFile;

	private final Duration stopTimeout;

	private final Duration reloadTimeout;

	private final PrintStream out;

	private final PrintStream err;

	private final DaemonLookup lookup;

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
		this.lookup = new DaemonLookup(pidFile);
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
			case UPGRADE -> upgrade();
			case START, RESTART -> throw new IllegalArgumentException(action.value() + " needs the launcher");
		};
	}

	/**
	 * Tell whether the daemon runs: 0 running, 1 dead with its pid file left, 3 not
	 * running, 4 unknown (the pid file cannot be read).
	 * @return the LSB status code
	 */
	public int status() {
		Located located = locate(true);
		if (located.failure() != null) {
			return LsbExitStatus.STATUS_UNKNOWN;
		}
		Found found = located.found();
		if (found == null) {
			if (Files.exists(this.pidFile, LinkOption.NOFOLLOW_LINKS)) {
				this.out.printf("%s is not running, but its pid file %s remains: the daemon died without removing it"
						+ " (crash or SIGKILL); the stop action removes it%n", this.name, this.pidFile);
				return LsbExitStatus.STATUS_DEAD_PID_FILE_EXISTS;
			}
			this.out.printf("%s is not running (no pid file %s)%n", this.name, this.pidFile);
			return LsbExitStatus.STATUS_NOT_RUNNING;
		}
		long pid = found.pid();
		DaemonState state = this.lookup.state(pid);
		StringBuilder line = new StringBuilder();
		line.append(String.format("%s is running: pid %d", this.name, pid));
		Instant started = (state != null) ? state.started()
				: ProcessHandle.of(pid).flatMap((process) -> process.info().startInstant()).orElse(null);
		Instant now = Instant.now();
		if (started != null) {
			line.append(", up ").append(DurationText.uptime(Duration.between(started, now)));
		}
		if (state != null) {
			line.append(", ").append(state.mode());
			if (state.ready() == null) {
				line.append(", still starting");
			}
			DaemonState.Upgrades upgrades = state.upgrades();
			if (upgrades != null && upgrades.inProgress()) {
				line.append(", upgrading: pid ")
					.append(pid)
					.append(" -> ")
					.append((upgrades.successor() > 0) ? "pid " + upgrades.successor() : "a successor starting");
			}
			ReloadResult reload = state.lastReload();
			line.append(", ").append((reload != null) ? ControlText.lastReload(reload, now) : "no reload yet");
		}
		this.out.println(line.append(foundBySocketNote()));
		return LsbExitStatus.STATUS_RUNNING;
	}

	/**
	 * Stop the daemon: SIGTERM, wait up to the stop timeout, then SIGKILL; return once
	 * the process is gone and its pid file removed.
	 * @return 0 when stopped or not running, 4 without the privilege to signal it, 1 if
	 * it survived, 3 if it cannot handle SIGTERM
	 */
	public int stop() {
		Located located = locate(true);
		IOException failure = located.failure();
		if (failure != null) {
			return privilegeOr(failure, LsbExitStatus.FAILED);
		}
		Found found = located.found();
		if (found == null) {
			// LSB: stopping a stopped service succeeds
			this.out.println(removeStale("%s was not running".formatted(this.name)));
			return LsbExitStatus.OK;
		}
		long pid = found.pid();
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isEmpty()) {
			this.out.println(removeStale("%s (pid %d) exited".formatted(this.name, pid)));
			return LsbExitStatus.OK;
		}
		ProcessHandle process = handle.get();
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
		if (ProcessWatch.awaitGone(process, this.stopTimeout)
				&& ProcessWatch.awaitUnlocked(this.pidFile, pid, KILL_TIMEOUT)) {
			String stopped = "Stopped %s (pid %d) in %s".formatted(this.name, pid,
					DurationText.seconds(Duration.ofNanos(System.nanoTime() - start)));
			this.out.println(removeStale(stopped) + foundBySocketNote());
			return LsbExitStatus.OK;
		}
		process.destroyForcibly();
		if (!ProcessWatch.awaitGone(process, KILL_TIMEOUT)
				|| !ProcessWatch.awaitUnlocked(this.pidFile, pid, KILL_TIMEOUT)) {
			this.err.printf("bootd: %s (pid %d) is still there %s after SIGKILL (uninterruptible I/O?); its pid file"
					+ " %s stays%n", this.name, pid, DurationText.seconds(KILL_TIMEOUT), this.pidFile);
			return LsbExitStatus.FAILED;
		}
		String killed = ("%s (pid %d) did not stop within %s of SIGTERM (daemon.stop-timeout); killed it with SIGKILL")
			.formatted(this.name, pid, DurationText.seconds(this.stopTimeout));
		this.out.println(removeStale(killed) + foundBySocketNote());
		return LsbExitStatus.OK;
	}

	/**
	 * Send SIGHUP and wait for the outcome of the reload it causes: the first reload that
	 * began after the signal was sent, so that it read the configuration files as they
	 * are now.
	 * @return 0 when applied, 1 when rejected (with the reason) or no outcome came, 7 if
	 * the daemon does not run, 4 without the privilege to signal it, 3 if it cannot
	 * handle SIGHUP
	 */
	public int reload() {
		Target target = targetForSignal("reload", "HUP", "a SIGHUP would kill it instead of reloading it");
		if (target.pid() <= 0) {
			return target.status();
		}
		long pid = target.pid();
		// Wall-clock time, because the daemon records when each reload began as an
		// Instant; the reload begins after the signal arrives, which is after this
		Instant asked = Instant.now();
		int sent = new KillCommand(this.name, this.err).send(pid, "HUP");
		if (sent != LsbExitStatus.OK) {
			return sent;
		}
		long deadline = System.nanoTime() + this.reloadTimeout.toNanos();
		while (System.nanoTime() < deadline) {
			DaemonState state = this.lookup.state(pid);
			ReloadResult reload = (state != null) ? state.lastReload() : null;
			if (reload != null && !reload.time().isBefore(asked)) {
				if (reload.applied()) {
					this.out.printf("Reloaded %s (pid %d): %s%n", this.name, pid, ControlText.applied(reload));
					return LsbExitStatus.OK;
				}
				this.err.printf("bootd: %s (pid %d) rejected reload #%d and keeps its running configuration: %s%n",
						this.name, pid, reload.generation(), reload.error());
				return LsbExitStatus.FAILED;
			}
			if (!ProcessWatch.isAlive(pid)) {
				this.err.printf("bootd: %s (pid %d) exited before reporting the reload%n", this.name, pid);
				return LsbExitStatus.FAILED;
			}
			ProcessWatch.pause();
		}
		this.err.printf(
				"bootd: sent SIGHUP to %s (pid %d) but it reported no reload outcome within %s (its state"
						+ " file %s; the daemon log says more)%n",
				this.name, pid, DurationText.seconds(this.reloadTimeout),
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
		Target target = targetForSignal("reopen-logs", "USR1", "a SIGUSR1 would kill it instead of reopening its logs");
		if (target.pid() <= 0) {
			return target.status();
		}
		long pid = target.pid();
		int sent = new KillCommand(this.name, this.err).send(pid, "USR1");
		if (sent == LsbExitStatus.OK) {
			this.out.printf("Asked %s (pid %d) to reopen its log files (SIGUSR1)%n", this.name, pid);
		}
		return sent;
	}

	/**
	 * Send SIGUSR2 and wait for the upgrade it causes: done once a successor holds the
	 * pid file's lock (the daemon hands it over only when the successor is ready), failed
	 * when the daemon reports the successor's failure and serves on.
	 * @return 0 when upgraded, 1 when the successor failed (with its failure text) or no
	 * outcome came, 7 if the daemon does not run, 4 without the privilege to signal it, 3
	 * if it cannot handle SIGUSR2
	 */
	public int upgrade() {
		Target target = targetForSignal("upgrade", "USR2", "a SIGUSR2 would kill it instead of upgrading it");
		if (target.pid() <= 0) {
			return target.status();
		}
		long pid = target.pid();
		Instant asked = Instant.now();
		long start = System.nanoTime();
		int sent = new KillCommand(this.name, this.err).send(pid, "USR2");
		if (sent != LsbExitStatus.OK) {
			return sent;
		}
		// The successor's own start-up timeout, then its stop if it failed
		long deadline = start + this.reloadTimeout.plus(UPGRADE_MARGIN).toNanos();
		while (System.nanoTime() < deadline) {
			OptionalLong holder = holder();
			if (holder.isPresent() && holder.getAsLong() > 0 && holder.getAsLong() != pid) {
				this.out.printf(
						"Upgraded %s: pid %d handed over to pid %d in %s; pid %d finishes its requests and"
								+ " exits%n",
						this.name, pid, holder.getAsLong(),
						DurationText.seconds(Duration.ofNanos(System.nanoTime() - start)), pid);
				return LsbExitStatus.OK;
			}
			DaemonState state = this.lookup.state(pid);
			DaemonState.Upgrades upgrades = (state != null) ? state.upgrades() : null;
			UpgradeResult last = (upgrades != null) ? upgrades.last() : null;
			if (last != null && !last.upgraded() && !last.time().isBefore(asked)) {
				this.err.printf("bootd: %s (pid %d) was not upgraded and serves on: %s%n", this.name, pid,
						last.error());
				return LsbExitStatus.FAILED;
			}
			if (!ProcessWatch.isAlive(pid) && holder.isEmpty()) {
				this.err.printf(
						"bootd: %s (pid %d) exited during the upgrade, and no successor holds its pid file %s%n",
						this.name, pid, this.pidFile);
				return LsbExitStatus.FAILED;
			}
			ProcessWatch.pause();
		}
		this.err.printf(
				"bootd: sent SIGUSR2 to %s (pid %d) but no successor took over within %s (the daemon log"
						+ " says more)%n",
				this.name, pid, DurationText.seconds(this.reloadTimeout.plus(UPGRADE_MARGIN)));
		return LsbExitStatus.FAILED;
	}

	private OptionalLong holder() {
		try {
			return PidFile.holder(this.pidFile);
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Return what the running daemon published, as restart needs it before it stops the
	 * daemon.
	 * @return the state of the process holding the pid file's lock, {@code null} when
	 * none runs or it published nothing (yet)
	 */
	public @Nullable DaemonState runningState() {
		Found found = locate(false).found();
		return (found != null) ? this.lookup.state(found.pid()) : null;
	}

	/**
	 * Find the daemon, remembering whether through its socket; when the pid file cannot
	 * be read, say why when asked to.
	 */
	private Located locate(boolean report) {
		try {
			Found found = this.lookup.find();
			this.foundBySocket = (found != null) ? found.bySocket() : null;
			return new Located(found, null);
		}
		catch (IOException ex) {
			if (report) {
				this.err.println(ControlText.cannotRead(this.pidFile, ex));
			}
			return new Located(null, ex);
		}
	}

	private boolean handles(long pid, String signal, String action, String consequence) {
		return new HandlerCheck(this.name, this.err).handles(pid, this.lookup.state(pid), signal, action, consequence);
	}

	/**
	 * Find the daemon an action signals, and check that it handles the signal.
	 */
	private Target targetForSignal(String action, String signal, String consequence) {
		Located located = locate(true);
		IOException failure = located.failure();
		if (failure != null) {
			return new Target(0, privilegeOr(failure, LsbExitStatus.FAILED));
		}
		Found found = located.found();
		if (found == null) {
			this.err.printf("bootd: %s is not running (no process holds the lock of %s): nothing to %s%n", this.name,
					this.pidFile, action);
			return new Target(0, LsbExitStatus.NOT_RUNNING);
		}
		if (!handles(found.pid(), signal, action, consequence)) {
			return new Target(0, LsbExitStatus.UNIMPLEMENTED);
		}
		return new Target(found.pid(), LsbExitStatus.OK);
	}

	private String foundBySocketNote() {
		return (this.foundBySocket != null) ? "; " + this.foundBySocket : "";
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

	private static int privilegeOr(IOException ex, int otherwise) {
		return (ex instanceof AccessDeniedException) ? LsbExitStatus.INSUFFICIENT_PRIVILEGE : otherwise;
	}

	/**
	 * The daemon found ({@code null}: none runs), or why the pid file could not be read.
	 */
	private record Located(@Nullable Found found, @Nullable IOException failure) {

	}

	/**
	 * The daemon to signal, or (pid 0) the exit status explaining why there is none.
	 */
	private record Target(long pid, int status) {

	}

}
