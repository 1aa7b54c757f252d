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

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The lock on a pid file that no {@code rm} can take away: a Unix socket in the abstract
 * namespace (unix(7)) whose name derives from the pid file's canonical path. The kernel
 * refuses a second bind of a name while a socket holds it and frees it when the last
 * descriptor closes, crash and SIGKILL included; nothing exists on disk to delete.
 * <p>
 * Binding needs native code (jnr-unixsocket: the JDK's {@code UnixDomainSocketAddress}
 * has no abstract names), which the daemon has loaded to detach anyway. Finding the
 * holder does not: {@code /proc/net/unix} lists the name and its inode, and
 * {@code /proc/<pid>/fd} shows which process holds that socket, so the control actions
 * run no native code (Java 24+ would print restricted-method warnings into cron mail).
 * <p>
 * Abstract names have no permissions: any local user can bind one. A holder counts only
 * when it runs as the user asking or as the owner of the pid file's directory (the user
 * who could write the pid file); any other is a squatter, and is ignored with a reason.
 * Abstract names belong to a network namespace: a daemon in a private one
 * ({@code PrivateNetwork=yes}) is not seen from outside it.
 *
 * @author bootd authors
 */
public final class LockSocket implements Closeable {

	/**
	 * The first part of every name, so that {@code ss -xl} shows whose sockets they are.
	 */
	static final String PREFIX = "bootd/";

	/** Hex digits of SHA-256 kept: 128 bits, well within the 107 bytes of a name. */
	private static final int HASH_DIGITS = 32;

	private static final Path PROC_NET_UNIX = Path.of("/proc/net/unix");

	/**
	 * {@code __SO_ACCEPTCON} in the Flags column of /proc/net/unix: a listening socket.
	 */
	private static final int ACCEPTING = 0x10000;

	/** How long a bind may find the name taken by a socket that is going away. */
	private static final long BIND_RETRY_NANOS = 2_000_000_000L;

	private final String name;

	private final @Nullable Closeable socket;

	private final @Nullable String problem;

	private LockSocket(String name, @Nullable Closeable socket, @Nullable String problem) {
		this.name = name;
		this.socket = socket;
		this.problem = problem;
	}

	/**
	 * The socket's name for a pid file: {@code bootd/} and the first 32 hex digits of the
	 * SHA-256 of its canonical path, so that every spelling of the same file (relative,
	 * through a symbolic link to its directory, with {@code ..}) gives the same name. The
	 * kernel's address is this name after a NUL byte; tools show it as
	 * {@code @bootd/...}.
	 * @param pidFile the pid file
	 * @return the name, without the leading NUL
	 */
	public static String name(Path pidFile) {
		byte[] path = canonical(pidFile).toString().getBytes(StandardCharsets.UTF_8);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(path);
			return PREFIX + HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256 (MessageDigest's javadoc)
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The pid file's absolute path with its directories' symbolic links resolved; the
	 * file itself is never followed (bootd refuses a symlinked pid file). A directory
	 * that no longer exists is resolved from its deepest existing ancestor, so that a
	 * daemon whose directory was removed can still be found.
	 */
	static Path canonical(Path pidFile) {
		Path absolute = pidFile.toAbsolutePath().normalize();
		Path fileName = absolute.getFileName();
		Path directory = absolute.getParent();
		if (fileName == null || directory == null) {
			return absolute;
		}
		Path existing = directory;
		while (existing != null && !Files.isDirectory(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return absolute;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(directory)).resolve(fileName).normalize();
		}
		catch (IOException ex) {
			return absolute;
		}
	}

	/**
	 * Bind the socket of a pid file and hold it. A name held by a trusted process means
	 * another instance runs, whether or not its pid file still exists.
	 * @param pidFile the pid file
	 * @return the socket; when it could not be bound for a reason that is no other
	 * instance (no jnr-unixsocket, a squatter), one that holds nothing and says why
	 * @throws DaemonAlreadyRunningException if another instance holds it
	 */
	/**
	 * A socket not bound yet, because the instance this one succeeds still holds it.
	 * @param pidFile the pid file
	 * @return the unbound socket
	 */
	static LockSocket heldByPredecessor(Path pidFile) {
		String name = name(pidFile);
		return new LockSocket(name, null, "@" + name + " is still held by the instance this one succeeds");
	}

	static LockSocket bind(Path pidFile) {
		String name = name(pidFile);
		long deadline = System.nanoTime() + BIND_RETRY_NANOS;
		while (true) {
			IOException failure;
			try {
				return new LockSocket(name, AbstractSocket.bind(name), null);
			}
			catch (LinkageError ex) {
				return new LockSocket(name, null, "jnr-unixsocket is not on the class path (" + ex + ")");
			}
			catch (RuntimeException ex) {
				// jnr reports a native library it cannot load this way: run on the file
				// lock
				return new LockSocket(name, null, "jnr-unixsocket could not open a socket (" + ex + ")");
			}
			catch (IOException ex) {
				failure = ex;
			}
			Holder holder;
			try {
				holder = find(name);
			}
			catch (IOException ex) {
				return new LockSocket(name, null, "could not bind @" + name + " (" + failure.getMessage()
						+ ") nor read who holds it (" + ex.getMessage() + ")");
			}
			if (holder == null && System.nanoTime() > deadline) {
				return new LockSocket(name, null, "could not bind @" + name + ": " + failure.getMessage());
			}
			if (holder != null && holder.pid() > 0) {
				if (isTrusted(holder, pidFile)) {
					throw new DaemonAlreadyRunningException(pidFile, holder.pid());
				}
				return new LockSocket(name, null, "@" + name + " is held by pid " + holder.pid() + " of uid "
						+ holder.uid() + ", which is neither this user nor the owner of the pid file's directory");
			}
			// Not listed yet (another start between its bind and its listen), or listed
			// in no process we can see: closing (its holder is exiting), or another
			// user's while this one is not root
			if (System.nanoTime() > deadline) {
				return new LockSocket(name, null,
						"@" + name + " is held by a process this user cannot see (another user's)");
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new LockSocket(name, null, "interrupted while binding @" + name);
			}
		}
	}

	/**
	 * The process holding the socket of a pid file, found through {@code /proc} without
	 * native code; only a holder running as this user or as the owner of the pid file's
	 * directory counts.
	 * @param pidFile the pid file
	 * @return the holder, or {@code null} when no trusted process holds it (a holder
	 * whose pid this user cannot see has pid -1)
	 * @throws IOException if {@code /proc/net/unix} cannot be read
	 */
	public static @Nullable Holder holder(Path pidFile) throws IOException {
		Holder holder = find(name(pidFile));
		if (holder == null || holder.pid() <= 0) {
			return holder;
		}
		return isTrusted(holder, pidFile) ? holder : null;
	}

	/**
	 * Whether the name is listed and by whom: the pid is -1 when the socket is in no
	 * process whose descriptors this user can read.
	 */
	private static @Nullable Holder find(String name) throws IOException {
		Long inode = listeningInode(name);
		if (inode == null) {
			return null;
		}
		String link = "socket:[" + inode + "]";
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"),
				(path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))) {
			for (Path process : processes) {
				if (holds(process, link)) {
					try {
						int uid = (Integer) Files.getAttribute(process, "unix:uid", LinkOption.NOFOLLOW_LINKS);
						return new Holder(Long.parseLong(process.getFileName().toString()), uid);
					}
					catch (IOException ex) {
						// Exited since: keep looking, the name may have a new holder
					}
				}
			}
		}
		return new Holder(-1, -1);
	}

	/**
	 * The inode of the listening socket with the given abstract name, from
	 * {@code /proc/net/unix}: "Num RefCount Protocol Flags Type St Inode Path", the path
	 * of an abstract socket shown with {@code @} for its NUL.
	 */
	private static @Nullable Long listeningInode(String name) throws IOException {
		List<String> lines = Files.readAllLines(PROC_NET_UNIX, StandardCharsets.ISO_8859_1);
		String path = "@" + name;
		for (String line : lines) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 8 && fields[7].equals(path)) {
				try {
					if ((Integer.parseInt(fields[3], 16) & ACCEPTING) != 0) {
						return Long.parseLong(fields[6]);
					}
				}
				catch (NumberFormatException ex) {
					// Not a socket line
				}
			}
		}
		return null;
	}

	private static boolean holds(Path process, String link) {
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
			for (Path fd : fds) {
				try {
					if (Files.readSymbolicLink(fd).toString().equals(link)) {
						return true;
					}
				}
				catch (IOException ex) {
					// Closed since it was listed
				}
			}
		}
		catch (IOException | SecurityException ex) {
			// Another user's process (EACCES) or gone
		}
		return false;
	}

	/**
	 * Abstract names have no permissions: trust only what the asking user, or the user
	 * who owns the pid file's directory, runs.
	 */
	private static boolean isTrusted(Holder holder, Path pidFile) {
		if (holder.uid() == uid(Path.of("/proc/self"))) {
			return true;
		}
		Path directory = canonical(pidFile).getParent();
		return directory != null && holder.uid() == uid(directory);
	}

	/** The owner of a file; -2 (matching no holder) when unknown. */
	private static int uid(Path path) {
		try {
			return (Integer) Files.getAttribute(path, "unix:uid");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return -2;
		}
	}

	/**
	 * The socket's name as tools show it ({@code ss -xl}, {@code /proc/net/unix}).
	 * @return {@code @} and the name
	 */
	public String displayName() {
		return "@" + this.name;
	}

	/**
	 * Whether the socket is bound and held.
	 * @return whether it is held
	 */
	public boolean isHeld() {
		return this.socket != null;
	}

	/**
	 * Why the socket is not held.
	 * @return the reason, or {@code null} when it is held
	 */
	public @Nullable String getProblem() {
		return this.problem;
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
		}
	}

	/**
	 * A process holding a pid file's socket.
	 *
	 * @param pid the holder's pid, -1 when this user cannot see it
	 * @param uid the holder's user id, -1 when unknown
	 */
	public record Holder(long pid, int uid) {

	}

}
