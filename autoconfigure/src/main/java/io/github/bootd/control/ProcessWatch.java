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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import io.github.bootd.pidfile.PidFile;

/**
 * Waits, bounded in time, for what the control actions watch in another process: that it
 * is gone, and that its pid file's lock went with it. Polled, because a process can only
 * be waited for by its parent (waitpid(2)); the daemon is not our child.
 *
 * @author bootd authors
 */
final class ProcessWatch {

	private static final Duration POLL = Duration.ofMillis(10);

	private ProcessWatch() {
	}

	/**
	 * Wait until a process is gone, or a zombie: it has exited and released its files,
	 * only its parent's wait is left.
	 * @param process the process
	 * @param timeout how long to wait at most
	 * @return whether it is gone
	 */
	static boolean awaitGone(ProcessHandle process, Duration timeout) {
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
	 * Wait until a process no longer holds a pid file's lock. A zombie's leader thread
	 * has exited, but its other threads may still be closing the process' files: the lock
	 * goes with the last of them.
	 * @param pidFile the pid file
	 * @param pid the process that held its lock
	 * @param timeout how long to wait at most
	 * @return whether the lock is released (or the file unreadable)
	 */
	static boolean awaitUnlocked(Path pidFile, long pid, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				OptionalLong holder = PidFile.holder(pidFile);
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

	/**
	 * Return whether a process runs: neither gone nor a zombie.
	 * @param pid the process
	 * @return whether it is alive
	 */
	static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * Return whether a process is a zombie, from the state field of
	 * {@code /proc/<pid>/stat}, which follows the command name in parentheses (a name may
	 * itself hold a parenthesis: the last one ends it).
	 * @param pid the process
	 * @return whether it is a zombie; {@code false} when it cannot be read
	 */
	static boolean isZombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Wait one poll interval.
	 */
	static void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the daemon", ex);
		}
	}

}
