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
package io.github.bootd.process;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Turns the re-launched child into a daemon, following APUE 13.3 and daemon(7): a new
 * session without a controlling terminal, a known umask and working directory, stdout and
 * stderr on the output file, signal dispositions reset. The launcher already gave it
 * stdin from /dev/null (or the listening socket it is to serve on, which stays) and no
 * other inherited descriptors ({@code ProcessBuilder} passes only 0-2).
 * <p>
 * The native part starts on its own thread as soon as the JVM runs Spring Boot, so that
 * jnr's start-up cost overlaps the application's. The launcher normally starts the JVM
 * through {@code setsid --fork} already; otherwise the new session is made here, as early
 * as possible, before a terminal hang-up or Ctrl-C reaching the launcher's process group
 * can hit the child. We do not fork a second time (APUE's guard against re-acquiring a
 * terminal): a JVM cannot fork, and the JDK opens files without ever making a terminal
 * controlling by accident only as long as the application opens no tty, which a service
 * has no reason to.
 *
 * @author bootd authors
 */
public final class Detacher {

	private final CompletableFuture<NativePosix> session;

	private Detacher(CompletableFuture<NativePosix> session) {
		this.session = session;
	}

	/**
	 * Start detaching: load the native calls, {@code setsid()} and reset ignored signals
	 * on a background thread.
	 * @return the detacher
	 */
	public static Detacher begin() {
		CompletableFuture<NativePosix> session = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				NativePosix posix = NativePosix.load();
				if (!posix.isSessionLeader()) {
					posix.setsid();
				}
				IgnoredSignals.reset(posix);
				session.complete(posix);
			}
			catch (Throwable ex) {
				session.completeExceptionally(ex);
			}
		}, "bootd-detach");
		thread.setDaemon(true);
		thread.start();
		return new Detacher(session);
	}

	/**
	 * Finish detaching once the configuration is known, in APUE's order: the umask first,
	 * so that the output file is created under it.
	 * @param umask the file mode creation mask
	 * @param outputFile where stdout and stderr go, {@code null} for /dev/null
	 * @param workingDirectory the working directory
	 * @return the native calls, for later use
	 */
	public NativePosix complete(int umask, @Nullable Path outputFile, Path workingDirectory) {
		NativePosix posix = awaitSession();
		posix.umask(umask);
		posix.redirectOutput(outputFile);
		posix.chdir(workingDirectory);
		return posix;
	}

	/**
	 * Wait for the new session: the native calls are loaded and ignored signals reset.
	 * @return the native calls
	 */
	public NativePosix awaitSession() {
		try {
			return this.session.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while detaching", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("Could not detach: " + cause, cause);
		}
	}

}
