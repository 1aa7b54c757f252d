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
package io.github.bootd.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.pidfile.PidFile.Inspection;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * Health of the daemon: DOWN once the process has lost what makes it a single, findable
 * daemon — the pid file's lock, or a pid file that names it. A failed reload is not DOWN:
 * the service still runs on its previous configuration; the failure shows in the details.
 *
 * @author bootd authors
 */
public class DaemonHealthIndicator extends AbstractHealthIndicator {

	private final DaemonRuntime runtime;

	private final DaemonActivity activity;

	public DaemonHealthIndicator(DaemonRuntime runtime, DaemonActivity activity) {
		super("Daemon health check failed");
		this.runtime = runtime;
		this.activity = activity;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PidFile pidFile = this.runtime.getPidFile();
		Inspection inspection = pidFile.inspect();
		if (inspection.state() == PidFile.State.HELD || inspection.state() == PidFile.State.SUCCEEDING) {
			builder.up();
		}
		else {
			builder.down().withDetail("problem", problem(pidFile, inspection));
		}
		builder.withDetail("pid", pidFile.getPid())
			.withDetail("pidFile", pidFile.getPath().toString())
			.withDetail("pidFileState", inspection.state().name().toLowerCase());
		if (inspection.namedPid() != null && inspection.namedPid() != pidFile.getPid()) {
			builder.withDetail("pidFileNames", inspection.namedPid());
		}
		DaemonReloadedEvent lastReload = this.activity.getLast(DaemonReloadedEvent.class);
		if (lastReload != null) {
			builder.withDetail("lastReload", lastReload(lastReload.getResult()));
		}
		long reloadFailures = this.activity.getFailures(DaemonReloadedEvent.class);
		if (reloadFailures > 0) {
			builder.withDetail("reloadFailures", reloadFailures);
		}
	}

	private static Map<String, Object> lastReload(ReloadResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("generation", result.generation());
		details.put("time", result.time().toString());
		details.put("outcome", result.outcome().name().toLowerCase());
		if (result.outcome() == Outcome.FAILED && result.error() != null) {
			details.put("error", result.error() + " (the previous configuration is still in effect)");
		}
		return details;
	}

	private static String problem(PidFile pidFile, Inspection inspection) {
		String path = pidFile.getPath().toString();
		long pid = pidFile.getPid();
		String restart = " Restart the daemon (kill -TERM " + pid + ", then start it again) to write and lock a new"
				+ " pid file.";
		return switch (inspection.state()) {
			case LOCK_LOST -> "This process (pid " + pid + ") no longer holds the lock on its pid file " + path
					+ ", so a second instance can start beside it. Code in the process probably opened and closed"
					+ " the pid file, which drops POSIX locks (fcntl(2))." + restart;
			case DELETED -> "The pid file " + path + " was deleted: scripts that read it cannot find this process"
					+ " (pid " + pid + ")"
					+ (pidFile.getSocket().isHeld()
							? "; its socket " + pidFile.getSocket().displayName() + " still refuses a second instance"
									+ " and lets the status and stop actions find it. bootd restores the file within a"
									+ " second while its directory is the one the daemon started with."
							: " and a second instance can start beside it.")
					+ restart;
			case REPLACED -> "The pid file " + path + " was replaced by another file"
					+ ((inspection.namedPid() != null) ? " naming pid " + inspection.namedPid() : "")
					+ ": scripts that read it will signal the wrong process. Find out what wrote it before"
					+ " stopping anything." + restart;
			case OVERWRITTEN -> "The pid file " + path + " names "
					+ ((inspection.namedPid() != null) ? "pid " + inspection.namedPid() : "no valid pid")
					+ " instead of this process (pid " + pid + "): scripts that read it will signal the wrong"
					+ " process." + restart;
			case UNREADABLE ->
				"The pid file " + path + " cannot be examined; check the permissions of its" + " directory.";
			case HELD, SUCCEEDING -> throw new IllegalStateException("No problem to describe");
		};
	}

}
