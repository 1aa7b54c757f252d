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

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Function;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import org.jspecify.annotations.Nullable;

/**
 * The few native calls a daemon needs that the JDK does not offer, each checked and
 * turned into a {@link PosixCallException} on failure.
 * <p>
 * Ten libc functions called through jffi, the layer under jnr-ffi, not through jnr-ffi's
 * {@code LibraryLoader} or jnr-posix: those generate a class per binding with ASM when
 * they load it, which cost the daemon child about 450 ms of CPU (jnr-posix's full
 * {@code POSIX} 380–480 ms of wall time, a jnr-ffi binding of these ten about 230 ms)
 * against about 130 ms for jffi's native stub and these call contexts, measured in
 * docs/performance.md. On a 2-core machine that CPU is taken from the application's own
 * start-up, which a detached start waits for. Symbols are looked up in the process'
 * global namespace ({@code dlopen(NULL)}), where the JVM's own libc always is, whatever
 * its file name (glibc, musl, macOS).
 *
 * @author bootd authors
 */
public final class NativePosix {

	/** {@code SIG_DFL} is the null handler on every Unix. */
	private static final long SIG_DFL = 0L;

	/** {@code SIG_ERR} is {@code (void (*)(int)) -1}. */
	private static final long SIG_ERR = -1L;

	private static final Type[] NO_ARGUMENTS = {};

	private static final Type[] INT = { Type.SINT };

	private static final Type[] INT_INT = { Type.SINT, Type.SINT };

	private static final Type[] STRING = { Type.POINTER };

	private final Invoker invoker = Invoker.getInstance();

	private final Library libc;

	private final Function setsid;

	private final Function umask;

	private final Function chdir;

	private final Function open;

	private final Function dup2;

	private final Function close;

	private final Function dup;

	private final Function getsid;

	private final Function getpid;

	private final Function signal;

	private final Function kill;

	private NativePosix(Library libc) {
		this.libc = libc;
		this.setsid = function("setsid", Type.SINT, NO_ARGUMENTS);
		this.umask = function("umask", Type.SINT, INT);
		this.chdir = function("chdir", Type.SINT, STRING);
		// int open(const char *path, int flags, ...): the mode is a variadic argument
		this.open = new Function(address("open"), Type.SINT, 2, new Type[] { Type.POINTER, Type.SINT, Type.UINT },
				CallingConvention.DEFAULT, true);
		this.dup2 = function("dup2", Type.SINT, INT_INT);
		this.close = function("close", Type.SINT, INT);
		this.dup = function("dup", Type.SINT, INT);
		this.getsid = function("getsid", Type.SINT, INT);
		this.getpid = function("getpid", Type.SINT, NO_ARGUMENTS);
		this.signal = function("signal", Type.POINTER, new Type[] { Type.SINT, Type.POINTER });
		this.kill = function("kill", Type.SINT, INT_INT);
	}

	/**
	 * Load the native calls, failing loudly where there are none.
	 * @return the native calls
	 */
	public static NativePosix load() {
		if (System.getProperty("os.name", "").startsWith("Windows")) {
			throw new IllegalStateException(
					"A Unix daemon needs a Unix platform, not " + System.getProperty("os.name"));
		}
		return new NativePosix(Library.getDefault());
	}

	/**
	 * Start a new session with no controlling terminal, as {@code setsid(2)}.
	 * @return the new session id
	 */
	public int setsid() {
		return check("setsid()", call(this.setsid));
	}

	/**
	 * Set the file mode creation mask, as {@code umask(2)}.
	 * @param mask the new mask
	 * @return the previous mask
	 */
	public int umask(int mask) {
		return call(this.umask, mask);
	}

	/**
	 * Change the working directory of the process, as {@code chdir(2)}.
	 * @param directory the new working directory
	 */
	public void chdir(Path directory) {
		HeapInvocationBuffer arguments = new HeapInvocationBuffer(this.chdir);
		putString(arguments, directory.toString());
		check("chdir(" + directory + ")", this.invoker.invokeInt(this.chdir, arguments));
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
		HeapInvocationBuffer arguments = new HeapInvocationBuffer(this.open);
		putString(arguments, path);
		arguments.putInt(flags);
		arguments.putInt(0666);
		int fd = check("open(" + path + ")", this.invoker.invokeInt(this.open, arguments));
		try {
			System.out.flush();
			System.err.flush();
			check("dup2(" + fd + ", 1)", call(this.dup2, fd, 1));
			check("dup2(" + fd + ", 2)", call(this.dup2, fd, 2));
		}
		finally {
			call(this.close, fd);
		}
	}

	/**
	 * Put a descriptor on standard input (descriptor 0) for the time of an action, then
	 * put back what was there. {@link ProcessBuilder} passes a child descriptors 0 to 2
	 * only: this is how a listening socket reaches a successor, which finds it where
	 * inetd and systemd's {@code StandardInput=socket} put it. Any process this JVM
	 * starts meanwhile inherits it too.
	 * @param <T> the action's result
	 * @param fd the descriptor to lend
	 * @param action what to do while it is on standard input
	 * @return the action's result
	 * @throws IOException if the action fails
	 */
	public <T> T withStandardInput(int fd, StandardInputAction<T> action) throws IOException {
		int saved = check("dup(0)", call(this.dup, 0));
		try {
			check("dup2(" + fd + ", 0)", call(this.dup2, fd, 0));
			try {
				return action.run();
			}
			finally {
				check("dup2(" + saved + ", 0)", call(this.dup2, saved, 0));
			}
		}
		finally {
			call(this.close, saved);
		}
	}

	/**
	 * What runs while a descriptor is lent to standard input.
	 *
	 * @param <T> its result
	 */
	@FunctionalInterface
	public interface StandardInputAction<T> {

		/**
		 * Run the action.
		 * @return its result
		 * @throws IOException if it fails
		 */
		T run() throws IOException;

	}

	/**
	 * Make a descriptor a copy of another, as {@code dup2(2)}: {@code to} is closed first
	 * if it was open, and the copy is inherited across {@code exec} (no
	 * {@code FD_CLOEXEC}).
	 * @param from the descriptor to copy
	 * @param to the descriptor to make its copy
	 */
	public void dup2(int from, int to) {
		check("dup2(" + from + ", " + to + ")", call(this.dup2, from, to));
	}

	/**
	 * Close a descriptor, as {@code close(2)}.
	 * @param fd the descriptor
	 */
	public void close(int fd) {
		check("close(" + fd + ")", call(this.close, fd));
	}

	/**
	 * Return the session id of a process, as {@code getsid(2)}.
	 * @param pid the process, 0 for this one
	 * @return the session id
	 */
	public int getsid(int pid) {
		return check("getsid(" + pid + ")", call(this.getsid, pid));
	}

	/**
	 * Return whether this process leads its own session already ({@code setsid} was run
	 * before the JVM started, and calling it again would fail with EPERM).
	 * @return whether this process is a session leader
	 */
	public boolean isSessionLeader() {
		return getsid(0) == call(this.getpid);
	}

	/**
	 * Set a signal's disposition back to the default, as {@code signal(sig, SIG_DFL)}.
	 * @param signal the signal number
	 */
	public void setDefaultDisposition(int signal) {
		if (this.invoker.invokeL2(this.signal.getCallContext(), this.signal.getFunctionAddress(), signal,
				SIG_DFL) == SIG_ERR) {
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
		check("kill(" + pid + ", " + signal + ")", call(this.kill, Math.toIntExact(pid), signal));
	}

	private Function function(String name, Type returnType, Type[] parameterTypes) {
		// Save errno after every call: our failure messages name it
		return new Function(address(name), returnType, parameterTypes, CallingConvention.DEFAULT, true);
	}

	private int call(Function function, int... arguments) {
		long address = function.getFunctionAddress();
		return switch (arguments.length) {
			case 0 -> this.invoker.invokeI0(function.getCallContext(), address);
			case 1 -> this.invoker.invokeI1(function.getCallContext(), address, arguments[0]);
			default -> this.invoker.invokeI2(function.getCallContext(), address, arguments[0], arguments[1]);
		};
	}

	private long address(String name) {
		long address = this.libc.getSymbolAddress(name);
		if (address == 0L) {
			throw new IllegalStateException("No native " + name + "() in this process: " + Library.getLastError());
		}
		return address;
	}

	/**
	 * Pass a path as a NUL-terminated C string in the platform's file name encoding,
	 * copied for the call only.
	 */
	private static void putString(HeapInvocationBuffer arguments, String value) {
		byte[] bytes = value.getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
		arguments.putArray(bytes, 0, bytes.length, ArrayFlags.IN | ArrayFlags.NULTERMINATE);
	}

	private int check(String call, int result) {
		if (result == -1) {
			throw failure(call);
		}
		return result;
	}

	private PosixCallException failure(String call) {
		int errno = LastError.getInstance().get();
		Errno constant = Errno.valueOf(errno);
		return new PosixCallException(call, errno, (constant != null) ? constant.description() : "unknown error");
	}

}
