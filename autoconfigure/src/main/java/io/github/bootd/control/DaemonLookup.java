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
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.bootd.pidfile.LockSocket;
import io.github.bootd.pidfile.PidFile;

/**
 * Finds the daemon of a pid file only through its lock (a pid whose lock nobody holds is
 * not ours: after a crash its number may belong to an unrelated process), or, when no
 * file at its path is locked, through the socket the daemon holds beside it (a pid file
 * deleted while the daemon runs, see {@link LockSocket}); never by process name. Reads
 * what it published in its {@link DaemonStateFile}.
 *
 * @author bootd authors
 */
final class DaemonLookup {

	/** How long a pid file may stay locked but empty: between its lock and its write. */
	private static final Duration PID_WRITE_TIMEOUT = Duration.ofSeconds(2);

	private final Path pidFile;

	DaemonLookup(Path pidFile) {
		this.pidFile = pidFile;
	}

	/**
	 * Find the daemon; a holder that locked the file but has not written its pid yet (a
	 * start in progress) is given a moment.
	 * @return the daemon, or {@code null} when no process holds the lock or the socket
	 * @throws IOException if the pid file cannot be read, or names no pid while locked
	 */
	@Nullable Found find() throws IOException {
		long deadline = System.nanoTime() + PID_WRITE_TIMEOUT.toNanos();
		while (true) {
			OptionalLong holder = PidFile.holder(this.pidFile);
			if (holder.isEmpty() || holder.getAsLong() > 0 || System.nanoTime() > deadline) {
				if (holder.isPresent() && holder.getAsLong() <= 0) {
					throw new IOException("a process holds the lock of " + this.pidFile + " but the file names no pid");
				}
				return holder.isPresent() ? new Found(holder.getAsLong(), null) : bySocket();
			}
			ProcessWatch.pause();
		}
	}

	/**
	 * No process locks a file at the pid file's path: the file may have been deleted
	 * while the daemon runs, and the daemon still holds the socket named after the path
	 * ({@link LockSocket}), found through /proc without native code.
	 */
	private @Nullable Found bySocket() throws IOException {
		LockSocket.Holder holder;
		try {
			holder = LockSocket.holder(this.pidFile);
		}
		catch (IOException ex) {
			// No /proc/net/unix (not Linux): the file is all there is
			return null;
		}
		if (holder == null) {
			return null;
		}
		String socket = "@" + LockSocket.name(this.pidFile);
		if (holder.pid() <= 0) {
			throw new AccessDeniedException(this.pidFile.toString(), null,
					"its pid file is missing and the process holding its socket " + socket + " is not visible");
		}
		return new Found(holder.pid(), "its pid file %s is %s: found it through its socket %s".formatted(this.pidFile,
				Files.exists(this.pidFile, LinkOption.NOFOLLOW_LINKS) ? "not locked by it" : "missing", socket));
	}

	/**
	 * Return what a daemon published, if it is the one found: a state file left by an
	 * earlier daemon names another pid.
	 * @param pid the daemon found
	 * @return its state, or {@code null}
	 */
	@Nullable DaemonState state(long pid) {
		try {
			DaemonState state = DaemonStateFile.beside(this.pidFile).read();
			return (state != null && state.pid() == pid) ? state : null;
		}
		catch (AccessDeniedException ex) {
			return null;
		}
	}

	/**
	 * The daemon found.
	 *
	 * @param pid its pid
	 * @param bySocket set when it was found through its socket, its pid file missing or
	 * not locked: what the human line adds
	 */
	record Found(long pid, @Nullable String bySocket) {

	}

}
