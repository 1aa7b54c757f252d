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
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;
import org.jspecify.annotations.Nullable;

/**
 * The few native calls a daemon needs that the JDK does not offer, each checked and
 * turned into a {@link PosixCallException} on failure.
 * <p>
 * A binding of just these libc functions through jnr-ffi, not jnr-posix's full
 * {@code POSIX}: jnr generates code for every function of an interface when it loads it,
 * and jnr-posix's hundreds took about 420 ms on our 2-core machines against about 230 ms
 * for these. Callers still start loading off the launcher's path, overlapped with the
 * application's start-up.
 *
 * @author bootd authors
 */
public final class NativePosix {

	/** {@code SIG_DFL} is the null handler on every Unix. */
	private static final long SIG_DFL = 0L;

	/** {@code SIG_ERR} is {@code (void (*)(int)) -1}. */
	private static final long SIG_ERR = -1L;

	private final LibC libc;

	private final Runtime runtime;

	private NativePosix(LibC libc) {
		this.libc = libc;
		this.runtime = Runtime.getRuntime(libc);
	}

	/**
	 * Load the native calls, failing loudly where there are none.
	 * @return the native calls
	 */
	public static NativePosix load() {
		if (Platform.getNativePlatform().getOS() == Platform.OS.WINDOWS) {
			throw new IllegalStateException("A Unix daemon needs a Unix platform, not " + System.getProperty("os.name"));
		}
		return new NativePosix(LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName()));
	}

	/**
	 * Start a new session with no controlling terminal, as {@code setsid(2)}.
	 * @return the new session id
	 */
	public int setsid() {
		return check("setsid()", this.libc.setsid());
	}

	/**
	 * Set the file mode creation mask, as {@code umask(2)}.
	 * @param mask the new mask
	 * @return the previous mask
	 */
	public int umask(int mask) {
		return this.libc.umask(mask);
	}

	/**
	 * Change the working directory of the process, as {@code chdir(2)}.
	 * @param directory the new working directory
	 */
	public void chdir(Path directory) {
		check("chdir(" + directory + ")", this.libc.chdir(directory.toString()));
	}

	/**
	 * Point standard output and error (descriptors 1 and 2) at a file opened for
	 * appending, or at /dev/null. {@code O_APPEND} keeps concurrent writers and a
	 * logrotate {@code copytruncate} from leaving holes; the descriptors stay the same,
	 * so {@code System.out} and {@code System.err} follow without being replaced.
	 * @param file the file, or {@code null} for /dev/null
	 */
	public void redirectOutput(@Nullable Path file) {
		String path = (file != null) ? file.toString() : "/dev/null";
		int flags = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue() | OpenFlags.O_APPEND.intValue()
				| OpenFlags.O_CLOEXEC.intValue();
		int fd = check("open(" + path + ")", this.libc.open(path, flags, 0666));
		try {
			System.out.flush();
			System.err.flush();
			check("dup2(" + fd + ", 1)", this.libc.dup2(fd, 1));
			check("dup2(" + fd + ", 2)", this.libc.dup2(fd, 2));
		}
		finally {
			this.libc.close(fd);
		}
	}

	/**
	 * Return the session id of a process, as {@code getsid(2)}.
	 * @param pid the process, 0 for this one
	 * @return the session id
	 */
	public int getsid(int pid) {
		return check("getsid(" + pid + ")", this.libc.getsid(pid));
	}

	/**
	 * Return whether this process leads its own session already ({@code setsid} was
	 * run before the JVM started, and calling it again would fail with EPERM).
	 * @return whether this process is a session leader
	 */
	public boolean isSessionLeader() {
		return getsid(0) == this.libc.getpid();
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
	 * Send a signal to a process, as {@code kill(2)}: the JDK can only send SIGTERM and
	 * SIGKILL ({@link ProcessHandle#destroy()}), and tells neither ESRCH nor EPERM apart.
	 * @param pid the process
	 * @param signal the signal number
	 * @throws PosixCallException with errno ESRCH (no such process) or EPERM (not
	 * permitted)
	 */
	public void kill(long pid, int signal) {
		check("kill(" + pid + ", " + signal + ")", this.libc.kill(Math.toIntExact(pid), signal));
	}

	private int check(String call, int result) {
		if (result == -1) {
			throw failure(call);
		}
		return result;
	}

	private PosixCallException failure(String call) {
		int errno = LastError.getLastError(this.runtime);
		Errno constant = Errno.valueOf(errno);
		return new PosixCallException(call, errno, (constant != null) ? constant.description() : "unknown error");
	}

	/**
	 * The libc functions bootd calls.
	 */
	public interface LibC {

		int setsid();

		int umask(int mask);

		int chdir(String path);

		int open(String path, int flags, int mode);

		int dup2(int oldFd, int newFd);

		int close(int fd);

		int getsid(int pid);

		int getpid();

		long signal(int signal, long handler);

		int kill(int pid, int signal);

	}

}
