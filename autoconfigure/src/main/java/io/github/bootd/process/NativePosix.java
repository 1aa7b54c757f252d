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

import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The few native calls a daemon needs that the JDK does not offer, each checked and
 * turned into a {@link PosixCallException} on failure.
 * <p>
 * Loading costs about 280 ms (jnr generates its bindings), so callers start it off the
 * launcher's path and overlap it with application start-up.
 *
 * @author bootd authors
 */
public final class NativePosix {

	/** {@code SIG_DFL} is the null handler on every Unix. */
	private static final long SIG_DFL = 0L;

	/** {@code SIG_ERR} is {@code (void (*)(int)) -1}. */
	private static final long SIG_ERR = -1L;

	private final POSIX posix;

	private final LibC libc;

	private NativePosix(POSIX posix, LibC libc) {
		this.posix = posix;
		this.libc = libc;
	}

	/**
	 * Load the native implementation, failing loudly: jnr's pure-Java fallback would
	 * accept the calls and then cannot {@code setsid} (JRuby does the same).
	 * @return the native POSIX calls
	 */
	public static NativePosix load() {
		POSIX posix = POSIXFactory.getNativePOSIX();
		if (!posix.isNative()) {
			throw new IllegalStateException("Native POSIX calls are not available on this platform ("
					+ System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
		}
		return new NativePosix(posix, LibraryLoader.create(LibC.class).load("c"));
	}

	/**
	 * Start a new session with no controlling terminal, as {@code setsid(2)}.
	 * @return the new session id
	 */
	public int setsid() {
		return check("setsid()", this.posix.setsid());
	}

	/**
	 * Set the file mode creation mask, as {@code umask(2)}.
	 * @param mask the new mask
	 * @return the previous mask
	 */
	public int umask(int mask) {
		return this.posix.umask(mask);
	}

	/**
	 * Change the working directory of the process, as {@code chdir(2)}.
	 * @param directory the new working directory
	 */
	public void chdir(Path directory) {
		check("chdir(" + directory + ")", this.posix.chdir(directory.toString()));
	}

	/**
	 * Return the session id of a process, as {@code getsid(2)} (jnr-posix lacks it).
	 * @param pid the process, 0 for this one
	 * @return the session id
	 */
	public int getsid(int pid) {
		return check("getsid(" + pid + ")", this.libc.getsid(pid));
	}

	/**
	 * Set a signal's disposition back to the default, as {@code signal(sig, SIG_DFL)}.
	 * @param signal the signal number
	 */
	public void setDefaultDisposition(int signal) {
		if (this.libc.signal(signal, SIG_DFL) == SIG_ERR) {
			throw failure("signal(" + signal + ", SIG_DFL)");
		}
	}

	/**
	 * Return this process' id.
	 * @return the pid
	 */
	public int getpid() {
		return this.posix.getpid();
	}

	private int check(String call, int result) {
		if (result == -1) {
			throw failure(call);
		}
		return result;
	}

	private PosixCallException failure(String call) {
		int errno = this.posix.errno();
		Errno constant = Errno.valueOf(errno);
		return new PosixCallException(call, errno, (constant != null) ? constant.description() : "unknown error");
	}

	/**
	 * The libc functions jnr-posix does not expose.
	 */
	public interface LibC {

		int getsid(int pid);

		long signal(int signal, long handler);

	}

}
