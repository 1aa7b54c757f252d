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
package io.github.bootd.actuate.endpoint;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.logging.DaemonLogsReopenedEvent;
import io.github.bootd.control.RunMode;
import io.github.bootd.logging.LogReopenResult;
import io.github.bootd.logging.LogReopener;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.signal.DaemonSignalReceivedEvent;
import io.github.bootd.signal.DaemonSignals;
import io.github.bootd.upgrade.DaemonUpgradedEvent;
import io.github.bootd.upgrade.UpgradeResult;

/**
 * {@link Endpoint @Endpoint} that shows what the operating system and bootd say about the
 * daemon.
 * <p>
 * Reading is open like any endpoint; over HTTP it answers a {@link #summary() summary}
 * unless {@code management.endpoint.daemon.show-details} allows the details
 * ({@link DaemonEndpointWebExtension}). The write operations ({@code POST
 * /actuator/daemon/reload}, {@code POST /actuator/daemon/reopen-logs}) steer a production
 * process, so like Boot's shutdown endpoint they need an explicit
 * {@code management.endpoint.daemon.access=unrestricted}.
 *
 * @author bootd authors
 */
@Endpoint(id = "daemon", defaultAccess = Access.READ_ONLY)
public class DaemonEndpoint {

	private final @Nullable DaemonRuntime runtime;

	/** The write operations, as the last segment of their path. */
	static final String RELOAD = "reload";

	static final String REOPEN_LOGS = "reopen-logs";

	private static final String NOT_A_DAEMON = "Not running as a daemon: set daemon.enabled=true to make it one";

	private final DaemonActivity activity;

	private final Supplier<@Nullable ConfigurationReloader> reloader;

	private final Supplier<@Nullable LogReopener> reopener;

	/**
	 * Create an endpoint.
	 * @param runtime the daemon runtime, {@code null} when the application does not run
	 * as a daemon
	 * @param activity what the daemon has done
	 * @param reloader the configuration reloader, looked up on each {@code reload};
	 * {@code null} when there is none
	 * @param reopener the log reopener, looked up on each {@code reopen-logs};
	 * {@code null} when there is none
	 */
	public DaemonEndpoint(@Nullable DaemonRuntime runtime, DaemonActivity activity,
			Supplier<@Nullable ConfigurationReloader> reloader, Supplier<@Nullable LogReopener> reopener) {
		this.runtime = runtime;
		this.activity = activity;
		this.reloader = reloader;
		this.reopener = reopener;
	}

	/**
	 * Describe the daemon in full: paths, user, process ids, pid file, log files,
	 * activity. Over HTTP only when {@code management.endpoint.daemon.show-details}
	 * allows it.
	 * @return the description
	 */
	@ReadOperation
	public DaemonDescriptor daemon() {
		ProcessFacts process = ProcessFacts.read();
		ReloadsDescriptor reloads = ReloadsDescriptor.of(this.activity);
		DaemonLogsReopenedEvent lastReopen = this.activity.getLast(DaemonLogsReopenedEvent.class);
		LogReopensDescriptor logReopens = new LogReopensDescriptor(
				this.activity.getCount(DaemonLogsReopenedEvent.class),
				this.activity.getFailures(DaemonLogsReopenedEvent.class),
				(lastReopen != null) ? lastReopen.getResult().time() : null,
				(lastReopen != null) ? lastReopen.getResult().error() : null);
		UpgradesDescriptor upgrades = UpgradesDescriptor.of(this.activity);
		Map<String, Long> signals = this.activity.getCountsBySubject(DaemonSignalReceivedEvent.class);
		DaemonRuntime runtime = this.runtime;
		if (runtime == null) {
			return new DaemonDescriptor(false, NOT_A_DAEMON, process, null, null, null, null, null, null,
					LogbackFiles.list(), null, null, reloads, logReopens, upgrades, signals, null);
		}
		DaemonSettings settings = runtime.getSettings();
		return new DaemonDescriptor(true, null, process, mode(runtime), settings.mode().name().toLowerCase(),
				runtime.getSupervisor().name().toLowerCase(), settings.launchDirectory().toString(),
				PidFileDescriptor.of(runtime.getPidFile()),
				// In the foreground stdout is the supervisor's (the journal): bootd opens
				// no output file
				(runtime.isDetached() && settings.outputFile() != null) ? settings.outputFile().toString() : null,
				LogbackFiles.list(), runtime.getStartTime(), runtime.getTimeToReady(), reloads, logReopens, upgrades,
				signals, DaemonSignals.handled());
	}

	/**
	 * Summarize the daemon with what anyone who may reach the endpoint may see: whether
	 * it is a daemon, how it runs, whether it is ready, its pid, uptime and the outcome
	 * of its last reload. No path, user name or reload error (which quotes the
	 * configuration).
	 * @return the summary
	 */
	public SummaryDescriptor summary() {
		Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		long pid = ProcessHandle.current().pid();
		ReloadResult last = lastReload(this.activity);
		ReloadSummaryDescriptor lastReload = (last != null)
				? new ReloadSummaryDescriptor(last.generation(), last.outcome().name().toLowerCase()) : null;
		DaemonRuntime runtime = this.runtime;
		if (runtime == null) {
			return new SummaryDescriptor(false, NOT_A_DAEMON, null, null, pid, uptime, lastReload);
		}
		String state = (runtime.getTimeToReady() != null) ? "ready" : "starting";
		return new SummaryDescriptor(true, null, mode(runtime), state, pid, uptime, lastReload);
	}

	/**
	 * Steer the daemon: {@code reload} the configuration files (what SIGHUP does, without
	 * its log reopen) or {@code reopen-logs} (what SIGUSR1 does).
	 * <p>
	 * Unlike Boot's shutdown endpoint this works on the request thread: a reload or a
	 * reopen is synchronous, its result is the answer, and the caller is not part of what
	 * it changes (shutdown hands off so that its answer can leave before the server
	 * stops). Both are serialized with a signal's: a request waits for a reload in
	 * progress.
	 * @param action {@code reload} or {@code reopen-logs}
	 * @return what the action did
	 */
	@WriteOperation
	public OperationResponseBody perform(@Selector String action) {
		return switch (action) {
			case RELOAD -> reload();
			case REOPEN_LOGS -> reopenLogs();
			default -> throw new InvalidEndpointRequestException(
					"Unknown daemon action '" + action + "': use '" + RELOAD + "' or '" + REOPEN_LOGS + "'",
					"Unknown daemon action");
		};
	}

	private OperationResponseBody reload() {
		ConfigurationReloader reloader = this.reloader.get();
		if (reloader == null) {
			return new UnavailableDescriptor(RELOAD, "No ConfigurationReloader bean: nothing reloaded."
					+ " Do not exclude ConfigurationReloadAutoConfiguration, or define a ConfigurationReloader bean");
		}
		return ReloadDescriptor.of(reloader.reload());
	}

	private OperationResponseBody reopenLogs() {
		LogReopener reopener = this.reopener.get();
		if (reopener == null) {
			return new UnavailableDescriptor(REOPEN_LOGS, "No LogReopener bean: nothing reopened."
					+ " Do not exclude LogReopenAutoConfiguration, or define a LogReopener bean");
		}
		return LogReopenDescriptor.of(reopener.reopen());
	}

	private static @Nullable ReloadResult lastReload(DaemonActivity activity) {
		DaemonReloadedEvent last = activity.getLast(DaemonReloadedEvent.class);
		return (last != null) ? last.getResult() : null;
	}

	private static String mode(DaemonRuntime runtime) {
		return RunMode.of(runtime).endpointName();
	}

	/**
	 * Description of the daemon.
	 *
	 * @param daemon whether bootd runs this application as a daemon
	 * @param message why the application is not a daemon
	 * @param process what the operating system says about the process
	 * @param mode how the daemon runs: {@code detached}, {@code foreground} or under a
	 * supervisor ({@code systemd}, {@code container})
	 * @param configuredMode the {@code daemon.mode} setting
	 * @param supervisor the supervisor detected at start-up
	 * @param launchDirectory the directory the application was launched from
	 * @param pidFile the pid file
	 * @param outputFile the file standard output and error are appended to
	 * @param logFiles the files logback writes to
	 * @param startTime when the process started
	 * @param timeToReady how long the process took from start to ready
	 * @param reloads the configuration reloads
	 * @param logReopens the log file reopens
	 * @param signals how many times each signal was received, by name
	 * @param handledSignals the signals the daemon handles; any other of HUP, INT, TERM,
	 * USR1 and USR2 would kill it (for example under {@code -Xrs})
	 */
	public record DaemonDescriptor(boolean daemon, @Nullable String message, ProcessFacts process,
			@Nullable String mode, @Nullable String configuredMode, @Nullable String supervisor,
			@Nullable String launchDirectory, @Nullable PidFileDescriptor pidFile, @Nullable String outputFile,
			List<String> logFiles, @Nullable Instant startTime, @Nullable Duration timeToReady,
			ReloadsDescriptor reloads, LogReopensDescriptor logReopens, UpgradesDescriptor upgrades,
			Map<String, Long> signals, @Nullable List<String> handledSignals) implements OperationResponseBody {

	}

	/**
	 * Summary of the daemon, what {@code GET /actuator/daemon} shows unless details are
	 * allowed.
	 *
	 * @param daemon whether bootd runs this application as a daemon
	 * @param message why the application is not a daemon
	 * @param mode how the daemon runs: {@code detached}, {@code foreground} or under a
	 * supervisor ({@code systemd}, {@code container})
	 * @param state {@code starting} until the application is ready, then {@code ready}
	 * @param pid the process id
	 * @param uptime how long the JVM has been running
	 * @param lastReload the last configuration reload
	 */
	public record SummaryDescriptor(boolean daemon, @Nullable String message, @Nullable String mode,
			@Nullable String state, long pid, Duration uptime,
			@Nullable ReloadSummaryDescriptor lastReload) implements OperationResponseBody {

	}

	/**
	 * Summary of one configuration reload.
	 *
	 * @param generation the reload's number
	 * @param outcome {@code applied} or {@code failed}
	 */
	public record ReloadSummaryDescriptor(long generation, String outcome) {

	}

	/**
	 * Description of the pid file, as another instance about to start would find it.
	 *
	 * @param path the pid file
	 * @param pid the pid this process wrote into it
	 * @param locked whether the kernel still records this process' lock on it
	 * @param state {@code held} when the lock is held and the file names this process;
	 * otherwise {@code lock_lost}, {@code deleted}, {@code replaced}, {@code overwritten}
	 * or {@code unreadable}
	 * @param namedPid the pid the file at the path names now, when it could be read
	 */
	public record PidFileDescriptor(String path, long pid, boolean locked, String state, @Nullable Long namedPid) {

		static PidFileDescriptor of(PidFile pidFile) {
			PidFile.Inspection inspection = pidFile.inspect();
			return new PidFileDescriptor(pidFile.getPath().toString(), pidFile.getPid(),
					inspection.state() != PidFile.State.LOCK_LOST, inspection.state().name().toLowerCase(),
					inspection.namedPid());
		}

	}

	/**
	 * Description of the configuration reloads.
	 *
	 * @param generation the generation of the last reload, 0 before the first
	 * @param count how many reloads ran
	 * @param failures how many of them failed
	 * @param last the last reload
	 */
	public record ReloadsDescriptor(long generation, long count, long failures, @Nullable ReloadDescriptor last) {

		static ReloadsDescriptor of(DaemonActivity activity) {
			ReloadResult last = lastReload(activity);
			return new ReloadsDescriptor((last != null) ? last.generation() : 0,
					activity.getCount(DaemonReloadedEvent.class), activity.getFailures(DaemonReloadedEvent.class),
					(last != null) ? ReloadDescriptor.of(last) : null);
		}

	}

	/**
	 * Description of one configuration reload.
	 *
	 * @param generation the reload's number
	 * @param time when it started
	 * @param duration how long it took
	 * @param outcome {@code applied} or {@code failed}
	 * @param appliedKeys changed keys applied to the running application, sorted
	 * @param restartKeys changed keys that take effect only after a restart, sorted
	 * @param error why the reload failed
	 */
	public record ReloadDescriptor(long generation, Instant time, Duration duration, String outcome,
			List<String> appliedKeys, List<String> restartKeys,
			@Nullable String error) implements OperationResponseBody {

		static ReloadDescriptor of(ReloadResult result) {
			return new ReloadDescriptor(result.generation(), result.time(), result.duration(),
					result.outcome().name().toLowerCase(), result.appliedKeys(), result.restartKeys(), result.error());
		}

	}

	/**
	 * Description of the upgrades: the one that started this instance (a successor counts
	 * it once it holds the pid file) and those that failed while it served.
	 *
	 * @param generation how many upgrades led to this instance since the first start
	 * @param upgraded 1 when an upgrade started this instance, else 0
	 * @param failed how many upgrades of this instance failed (it served on)
	 * @param last when the last one began
	 * @param lastOutcome {@code upgraded} or {@code failed}
	 * @param lastDuration how long it took
	 * @param lastPredecessor the pid it upgraded from
	 * @param lastSuccessor the successor's pid (0 when none was started)
	 * @param lastError what the last one failed on
	 */
	public record UpgradesDescriptor(long generation, long upgraded, long failed, @Nullable Instant last,
			@Nullable String lastOutcome, @Nullable Duration lastDuration, @Nullable Long lastPredecessor,
			@Nullable Long lastSuccessor, @Nullable String lastError) implements OperationResponseBody {

		static UpgradesDescriptor of(DaemonActivity activity) {
			long failed = activity.getFailures(DaemonUpgradedEvent.class);
			long upgraded = activity.getCount(DaemonUpgradedEvent.class) - failed;
			DaemonUpgradedEvent event = activity.getLast(DaemonUpgradedEvent.class);
			if (event == null) {
				return new UpgradesDescriptor(0, upgraded, failed, null, null, null, null, null, null);
			}
			UpgradeResult last = event.getResult();
			return new UpgradesDescriptor(event.getGeneration(), upgraded, failed, last.time(), last.outcome(),
					last.duration(), last.predecessor(), last.successor(), last.error());
		}

	}

	/**
	 * Description of the log file reopens.
	 *
	 * @param count how many reopens ran
	 * @param failures how many of them failed
	 * @param last when the last one ran
	 * @param lastError what the last one failed on
	 */
	public record LogReopensDescriptor(long count, long failures, @Nullable Instant last,
			@Nullable String lastError) implements OperationResponseBody {

	}

	/**
	 * Description of one log file reopen.
	 *
	 * @param time when it started
	 * @param duration how long it took
	 * @param outcome {@code reopened} when every file was, else {@code failed}
	 * @param reopened the files that now write to a fresh file at their configured path
	 * @param failures the files that keep writing where they were, each with the reason
	 */
	public record LogReopenDescriptor(Instant time, Duration duration, String outcome, List<String> reopened,
			List<String> failures) implements OperationResponseBody {

		static LogReopenDescriptor of(LogReopenResult result) {
			return new LogReopenDescriptor(result.time(), result.duration(),
					result.failures().isEmpty() ? "reopened" : "failed", result.reopened(), result.failures());
		}

	}

	/**
	 * Answer to a write operation this application cannot perform.
	 *
	 * @param action the operation asked for
	 * @param message what is missing and what to do
	 */
	public record UnavailableDescriptor(String action, String message) implements OperationResponseBody {

	}

}
