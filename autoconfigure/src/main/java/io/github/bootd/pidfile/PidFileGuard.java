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
package io.github.bootd.pidfile;

import java.time.Duration;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Puts a deleted pid file back: a thread of its own looks at the file's path every
 * {@value #INTERVAL_MILLIS} ms and restores it, so that scripts reading it find the
 * daemon again within a second. Not the signal worker: a reload may take minutes
 * ({@code DaemonReloadingEvent} listeners), and the file must not wait for it.
 * <p>
 * Polling with {@code stat(2)}, not inotify: it costs nothing measurable at this rate and
 * works on every file system, network ones included.
 *
 * @author bootd authors
 */
public final class PidFileGuard implements Runnable {

	private static final Log logger = LogFactory.getLog(PidFileGuard.class);

	static final long INTERVAL_MILLIS = 100;

	private static final long SUCCESSION_INTERVAL_MILLIS = 10;

	private final PidFile pidFile;

	private final Duration interval;

	private @Nullable String lastProblem;

	PidFileGuard(PidFile pidFile, Duration interval) {
		this.pidFile = pidFile;
		this.interval = interval;
	}

	/**
	 * Start guarding a pid file until it is closed; say once, now that logging works, if
	 * its socket lock could not be taken.
	 * @param pidFile the daemon's pid file
	 * @return the guard's thread
	 */
	public static Thread start(PidFile pidFile) {
		LockSocket socket = pidFile.getSocket();
		if (!socket.isHeld() && !pidFile.isSucceeding()) {
			logger.warn("The pid file " + pidFile.getPath() + " has only its file lock: its socket "
					+ socket.displayName() + " could not be bound (" + socket.getProblem() + "). If the file is"
					+ " deleted while the daemon runs, status and stop cannot find it and a second instance can"
					+ " start until bootd restores the file.");
		}
		Thread thread = new Thread(new PidFileGuard(pidFile, Duration.ofMillis(INTERVAL_MILLIS)),
				"bootd-pid-file-guard");
		// Never what keeps the JVM alive: the file's close ends the loop anyway
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void run() {
		// A successor's file becomes the pid file when its predecessor hands it over,
		// right after this instance is ready: look often, the status action waits on it
		while (this.pidFile.isSucceeding() && !this.pidFile.isClosed()) {
			if (this.pidFile.completeSuccession()) {
				logger
					.info("Took the pid file " + this.pidFile.getPath() + " over from the instance this one succeeds");
				break;
			}
			try {
				Thread.sleep(SUCCESSION_INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		while (!this.pidFile.isClosed()) {
			check();
			try {
				Thread.sleep(this.interval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Look once and restore a missing file; a problem is logged when it first appears or
	 * changes, not every interval.
	 */
	void check() {
		try {
			PidFile.Restore restore = this.pidFile.restoreIfDeleted();
			if (restore.restored()) {
				this.lastProblem = null;
				logger.warn("The pid file " + this.pidFile.getPath() + " was deleted while the daemon ran (pid "
						+ this.pidFile.getPid() + "); wrote and locked it again. Find what removes it (a tmp"
						+ " cleaner, a script's rm): until it is back, scripts that read it cannot find the daemon.");
			}
			else if (restore.problem() != null && !Objects.equals(restore.problem(), this.lastProblem)) {
				this.lastProblem = restore.problem();
				LockSocket socket = this.pidFile.getSocket();
				String found = socket.isHeld()
						? " The daemon stays unique and the status and stop actions find it" + " through its socket "
								+ socket.displayName() + "; scripts that read the file do not."
						: " Scripts and the control actions cannot find the daemon, and a second instance can start.";
				logger.warn("The pid file " + this.pidFile.getPath() + " was deleted while the daemon ran (pid "
						+ this.pidFile.getPid() + ") and cannot be restored: " + restore.problem() + "." + found
						+ " Restart the daemon to write a new pid file.");
			}
		}
		catch (RuntimeException ex) {
			// The guard must outlive any surprise: a dead guard restores nothing
			logger.warn("Could not check the pid file " + this.pidFile.getPath() + ": " + ex);
		}
	}

}
