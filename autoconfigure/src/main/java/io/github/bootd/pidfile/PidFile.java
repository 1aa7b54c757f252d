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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A pid file that holds a POSIX record lock ({@code fcntl(F_SETLK)}, what
 * {@link FileChannel#tryLock()} takes) for the whole life of the process.
 * <p>
 * The lock, not {@code kill(pid, 0)}, says whether an instance runs: a pid can be reused
 * by an unrelated process after a crash, a lock dies with its holder. The file is never
 * opened through a symbolic link and is removed on exit only while it is still ours.
 * <p>
 * POSIX record locks belong to the process and are released when <em>any</em> of its
 * descriptors for the file is closed (fcntl(2), "the lock is lost"). Code in the daemon
 * must therefore never open the pid file by its path while the lock is held: read it
 * through this class, which uses the descriptor that holds the lock.
 * <p>
 * A lock on a file does not survive the file's name: once {@code rm} has removed it,
 * another instance would create a new file and lock that. So the pid file also holds a
 * {@link LockSocket} named after its path, which nothing on disk can remove, and a
 * deleted file can be {@link #restoreIfDeleted() restored}.
 *
 * @author bootd authors
 */
public final class PidFile implements Closeable {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");

	private final Path path;

	private final long pid;

	/** Replaced once, when a successor binds the socket its predecessor released. */
	private volatile LockSocket socket;

	/** The directory the file was created in, the only one a restore writes into. */
	private final @Nullable Object directoryKey;

	/** The file we lock now: replaced when a deleted file is restored. */
	private volatile Held held;

	private boolean closed;

	/** Whether this is a successor's pid file that its predecessor still holds. */
	private boolean succeeding;

	/** What waits for a succession to complete. */
	private final List<Runnable> whenOurs = new ArrayList<>();

	private PidFile(Path path, long pid, LockSocket socket, @Nullable Object directoryKey, Held held) {
		this.path = path;
		this.pid = pid;
		this.socket = socket;
		this.directoryKey = directoryKey;
		this.held = held;
	}

	/**
	 * Lock the pid file and write this process' id into it, taking over a stale file
	 * nobody holds.
	 * @param path the pid file
	 * @return the locked pid file
	 * @throws DaemonAlreadyRunningException if another process holds the lock
	 * @throws IOException if the file cannot be created, locked or written
	 */
	public static PidFile acquire(Path path) throws IOException {
		// The socket first: it refuses a second instance even when the running one's pid
		// file was deleted, and a refused start must not touch the file
		LockSocket socket = LockSocket.bind(path);
		try {
			Held held = create(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
			return new PidFile(path, ProcessHandle.current().pid(), socket, directoryKey(path), held);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Lock a successor's pid file: a file of its own beside the pid file, written and
	 * locked like it, which the running instance renames over the pid file once the
	 * successor is ready ({@link #handOver}). POSIX record locks belong to a process and
	 * an inode and cannot be passed on; a rename moves the inode, and its lock with it,
	 * so at every moment the pid file's path names a locked file that names an instance
	 * that serves, and a concurrent start is refused by one lock or the other.
	 * @param path the pid file, locked by the instance this one succeeds
	 * @return the successor's pid file, not {@link #isOurs() ours} until the hand-over
	 * @throws IOException if the successor's file cannot be created, locked or written
	 */
	public static PidFile acquireForSuccession(Path path) throws IOException {
		Held held = create(successorPath(path), Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
		PidFile pidFile = new PidFile(path, ProcessHandle.current().pid(), LockSocket.heldByPredecessor(path),
				directoryKey(path), held);
		pidFile.succeeding = true;
		return pidFile;
	}

	/**
	 * Return where a successor locks its pid file until the hand-over.
	 * @param path the pid file
	 * @return the successor's file beside it
	 */
	public static Path successorPath(Path path) {
		return path.resolveSibling(path.getFileName() + ".next");
	}

	/**
	 * Give the pid file to a ready successor: rename its locked file over ours, then
	 * release our lock and socket. The file is not removed when this instance exits.
	 * @param successor the successor's pid
	 * @throws IOException if the successor does not hold its file, or it cannot be
	 * renamed (then this instance keeps the pid file)
	 */
	public synchronized void handOver(long successor) throws IOException {
		Path next = successorPath(this.path);
		OptionalLong holder = holder(next);
		if (holder.isEmpty() || holder.getAsLong() != successor) {
			throw new IOException(next + " is not locked by the successor (pid " + successor + ")");
		}
		Files.move(next, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.closed = true;
		try {
			this.socket.close();
		}
		finally {
			this.held.channel().close();
		}
	}

	/**
	 * Complete a succession once the predecessor has handed the pid file over: bind the
	 * socket it released. A predecessor that died without handing over (nobody locks the
	 * pid file) leaves it to us: we rename our file over it ourselves.
	 * @return whether the pid file is ours now
	 */
	public synchronized boolean completeSuccession() {
		if (this.closed) {
			return false;
		}
		if (!this.succeeding) {
			return true;
		}
		if (!isOurs()) {
			try {
				Path next = successorPath(this.path);
				// Never holder(path): once the predecessor renamed our file there,
				// opening and closing it here would drop our own lock on it
				if (lockedByAnyone(this.path) || !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
					return false;
				}
				Files.move(next, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				if (!isOurs()) {
					return false;
				}
			}
			catch (IOException ex) {
				return false;
			}
		}
		if (!this.socket.isHeld()) {
			try {
				this.socket = LockSocket.bind(this.path);
			}
			catch (DaemonAlreadyRunningException ex) {
				// The predecessor is still closing it: the file's lock keeps us unique
			}
		}
		this.succeeding = false;
		List<Runnable> waiting = List.copyOf(this.whenOurs);
		this.whenOurs.clear();
		waiting.forEach(Runnable::run);
		return true;
	}

	/**
	 * Return whether this is a successor's pid file that its predecessor has not handed
	 * over yet.
	 * @return whether the succession is still pending
	 */
	public synchronized boolean isSucceeding() {
		return this.succeeding;
	}

	/**
	 * Whether any process holds a POSIX lock on the file at a path, read from
	 * {@code /proc/locks} by its inode, without opening it; a path whose inode or locks
	 * cannot be read counts as locked.
	 */
	private static boolean lockedByAnyone(Path path) {
		Object inode;
		try {
			inode = Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException | RuntimeException ex) {
			return true;
		}
		List<Long> holders = posixLockHolders(inode);
		return holders == null || !holders.isEmpty();
	}

	/**
	 * Run an action once no succession is pending: now, or when it completes.
	 * @param action the action
	 */
	public void whenHandedOver(Runnable action) {
		synchronized (this) {
			if (this.succeeding) {
				this.whenOurs.add(action);
				return;
			}
		}
		action.run();
	}

	/**
	 * Open, lock and write the file; for a restore, only a file this call creates.
	 */
	private static Held create(Path path, Set<? extends OpenOption> options) throws IOException {
		long pid = ProcessHandle.current().pid();
		FileChannel channel = FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(MODE_0644));
		try {
			// umask may have narrowed the mode at creation; a pid file is meant to be
			// readable. This opens the file a second time, so it must come before the
			// lock: closing any descriptor of a file drops the process' POSIX locks on it
			Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
				.setPermissions(MODE_0644);
			FileLock lock = tryLock(channel, false);
			if (lock == null) {
				throw new DaemonAlreadyRunningException(path, readPid(channel));
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
			channel.force(true);
			Object fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
			return new Held(channel, lock, fileKey, inode(path));
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static @Nullable Object directoryKey(Path path) {
		Path directory = path.toAbsolutePath().getParent();
		try {
			return (directory != null) ? Files.readAttributes(directory, BasicFileAttributes.class).fileKey() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Return the pid of the process holding the lock on the given pid file, without
	 * creating, writing or keeping anything.
	 * @param path the pid file
	 * @return the pid of the running instance, or empty when no process holds the lock
	 * (the pid, when unknown, is reported as -1)
	 * @throws IOException if the file exists but cannot be read
	 */
	public static OptionalLong holder(Path path) throws IOException {
		FileChannel channel;
		try {
			channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return OptionalLong.empty();
		}
		try (channel) {
			FileLock lock = tryLock(channel, true);
			if (lock != null) {
				lock.release();
				return OptionalLong.empty();
			}
			Long pid = readPid(channel);
			return OptionalLong.of((pid != null) ? pid : -1);
		}
	}

	/**
	 * Remove a pid file that a stopped process left behind: only when nobody holds its
	 * lock and it names that process or nothing (the process may have been stopped
	 * between creating the file and writing its pid). For a process other than the one
	 * that created the file: within the daemon, the pid file is never opened by path.
	 * @param path the pid file
	 * @param pid the process that was stopped
	 * @return whether the file was removed
	 * @throws IOException if it cannot be read or removed
	 */
	public static boolean removeStale(Path path, long pid) throws IOException {
		return removeStale(path, Long.valueOf(pid));
	}

	/**
	 * Remove a pid file that no process holds the lock of, whatever pid it names, as left
	 * by a daemon that was killed (SIGKILL runs no cleanup) or crashed.
	 * @param path the pid file
	 * @return whether a stale file was removed
	 * @throws IOException if the file exists but cannot be opened, locked or removed
	 */
	public static boolean removeStale(Path path) throws IOException {
		return removeStale(path, null);
	}

	/**
	 * Only a file whose lock this call could take is removed, and it is removed while
	 * that lock is held, so that a starting instance can never lose its fresh pid file to
	 * this.
	 */
	private static boolean removeStale(Path path, @Nullable Long pid) throws IOException {
		Object before;
		FileChannel channel;
		try {
			if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
				return false;
			}
			before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
			channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
					LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		try (channel) {
			FileLock lock = tryLock(channel, false);
			if (lock == null) {
				return false;
			}
			Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
			if (before == null || !before.equals(now)) {
				// Replaced since we looked: not the file we locked
				return false;
			}
			Long written = readPid(channel);
			if (pid != null && written != null && !written.equals(pid)) {
				return false;
			}
			Files.delete(path);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
		try {
			return channel.tryLock(0, Long.MAX_VALUE, shared);
		}
		catch (OverlappingFileLockException ex) {
			// This JVM holds it already
			return null;
		}
	}

	private static @Nullable Long inode(Path path) {
		try {
			// stat(2) only: no descriptor is opened, so no lock can be dropped
			return (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Long readPid(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(32);
		channel.read(buffer, 0);
		String content = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
		try {
			return Long.parseLong(content);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public Path getPath() {
		return this.path;
	}

	public long getPid() {
		return this.pid;
	}

	/**
	 * Return whether the file at our path is still the one we locked and names us.
	 * @return whether the pid file is still ours
	 */
	public boolean isOurs() {
		Held held = this.held;
		if (!held.lock().isValid()) {
			return false;
		}
		try {
			Object key = Files.readAttributes(this.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
				.fileKey();
			if (key == null || !key.equals(held.fileKey())) {
				return false;
			}
			Long written = readPid(held.channel());
			return written != null && written == this.pid;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Look at the pid file the way another instance would: whether the kernel still
	 * records our lock, whether the path still leads to the file we locked, and whether
	 * that file still names us. Never opens the file we locked by its path.
	 * @return what was found
	 */
	public Inspection inspect() {
		Held held = this.held;
		if (!held.lock().isValid() || lockDroppedByKernel(held)) {
			return new Inspection(State.LOCK_LOST, null);
		}
		if (isSucceeding()) {
			return new Inspection(State.SUCCEEDING, this.pid);
		}
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return new Inspection(State.DELETED, null);
		}
		catch (IOException ex) {
			return new Inspection(State.UNREADABLE, null);
		}
		try {
			if (attributes.fileKey() == null || !attributes.fileKey().equals(held.fileKey())) {
				// Another file (another inode) now sits at our path: reading it by its
				// path is safe, record locks belong to the file we locked, not to the
				// name
				return new Inspection(State.REPLACED, readPidByPath());
			}
			Long written = readPid(held.channel());
			return (written != null && written == this.pid) ? new Inspection(State.HELD, written)
					: new Inspection(State.OVERWRITTEN, written);
		}
		catch (IOException ex) {
			return new Inspection(State.UNREADABLE, null);
		}
	}

	/**
	 * Whether /proc/locks no longer lists a POSIX lock of this process on our file. The
	 * JVM's {@link FileLock#isValid()} cannot see a lock the kernel dropped because some
	 * code closed another descriptor of the file. Unknown (no /proc, no inode) counts as
	 * not dropped.
	 */
	private boolean lockDroppedByKernel(Held held) {
		if (held.inode() == null) {
			return false;
		}
		List<Long> holders = posixLockHolders(held.inode());
		return holders != null && !holders.contains(this.pid);
	}

	/**
	 * The processes holding a POSIX lock on an inode, read from {@code /proc/locks}: "1:
	 * POSIX ADVISORY WRITE 4242 fe:00:2146866 0 EOF"; the device is left out because
	 * overlay file systems may number it differently from stat(2).
	 * @return their pids, {@code null} when {@code /proc/locks} cannot be read
	 */
	private static @Nullable List<Long> posixLockHolders(Object inode) {
		if (!Files.isReadable(PROC_LOCKS)) {
			return null;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(PROC_LOCKS);
		}
		catch (IOException ex) {
			return null;
		}
		String inodeSuffix = ":" + inode;
		List<Long> holders = new ArrayList<>();
		for (String line : lines) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 6 && fields[1].equals("POSIX") && fields[5].endsWith(inodeSuffix)) {
				try {
					holders.add(Long.parseLong(fields[4]));
				}
				catch (NumberFormatException ex) {
					// Not a pid: not a holder this process can name
				}
			}
		}
		return holders;
	}

	private @Nullable Long readPidByPath() {
		try (FileChannel other = FileChannel.open(this.path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			return readPid(other);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Recreate the pid file if nothing is at its path any more (a careless {@code rm}, a
	 * tmp cleaner): a new file, written and locked, in the directory the daemon started
	 * with. Never writes over anything: another file at the path is left to the user, and
	 * a directory replaced since the start is not one bootd checked. The old file's
	 * descriptor is closed only once the new lock is taken: closing it drops this
	 * process' locks on the deleted file alone (POSIX locks belong to an inode).
	 * @return what was done
	 */
	public synchronized Restore restoreIfDeleted() {
		if (this.closed) {
			return new Restore(false, null);
		}
		if (Files.exists(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return new Restore(false, null);
		}
		Object directory = directoryKey(this.path);
		if (directory == null) {
			return new Restore(false, "its directory " + this.path.toAbsolutePath().getParent() + " is gone");
		}
		if (!directory.equals(this.directoryKey)) {
			return new Restore(false, "its directory " + this.path.toAbsolutePath().getParent()
					+ " was replaced by another directory since the daemon started, and bootd writes its pid file"
					+ " only into the one it checked");
		}
		Held created;
		try {
			created = create(this.path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
		}
		catch (FileAlreadyExistsException ex) {
			// Someone else put a file there in the meantime: theirs
			return new Restore(false, null);
		}
		catch (IOException | RuntimeException ex) {
			return new Restore(false, "it could not be created: " + ex);
		}
		Held old = this.held;
		this.held = created;
		try {
			old.channel().close();
		}
		catch (IOException ex) {
			// The deleted file's descriptor: nothing of ours is left in it
		}
		return new Restore(true, null);
	}

	/**
	 * The socket that keeps this instance unique and findable while its file is missing.
	 * @return the socket, held or saying why not
	 */
	public LockSocket getSocket() {
		return this.socket;
	}

	/**
	 * Return whether this pid file was closed (the daemon is exiting).
	 * @return whether it was closed
	 */
	public synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Remove the file if it is still ours, then release the lock.
	 */
	@Override
	public synchronized void close() throws IOException {
		this.closed = true;
		Held held = this.held;
		try {
			// The socket before the file: a start that binds it now still meets the
			// file's lock, so there is never a moment when neither refuses a second
			// instance
			this.socket.close();
		}
		finally {
			try {
				if (held.channel().isOpen() && this.succeeding) {
					// A successor that never got the pid file leaves nothing beside it
					Files.deleteIfExists(successorPath(this.path));
				}
				else if (held.channel().isOpen() && isOurs()) {
					// Delete while still holding the lock, so no new instance can have
					// taken the file over in between
					Files.deleteIfExists(this.path);
				}
			}
			finally {
				held.channel().close();
			}
		}
	}

	/**
	 * Remove the file if it is still ours and release the lock, as a shutdown action: a
	 * failure is reported on stderr (the daemon's output file), not thrown.
	 */
	public void closeQuietly() {
		try {
			close();
		}
		catch (IOException ex) {
			System.err.println("bootd: could not remove pid file " + this.path + ": " + ex);
		}
	}

	/**
	 * What {@link #restoreIfDeleted()} did.
	 *
	 * @param restored whether a new file was written and locked
	 * @param problem why a missing file could not be restored, or {@code null}
	 */
	public record Restore(boolean restored, @Nullable String problem) {

	}

	/**
	 * The file this process locks: its descriptor (which must stay open, see the class
	 * comment), the lock, and its identity.
	 */
	private record Held(FileChannel channel, FileLock lock, Object fileKey, @Nullable Long inode) {

	}

	/**
	 * What {@link #inspect()} found.
	 *
	 * @param state the state of the pid file
	 * @param namedPid the pid the file at our path names now, when it could be read
	 */
	public record Inspection(State state, @Nullable Long namedPid) {

	}

	/**
	 * The state of a pid file as seen by a new instance about to start.
	 */
	public enum State {

		/** The lock is held and the file at our path names this process. */
		HELD,

		/**
		 * An upgrade's successor holds the lock of its own file beside the pid file,
		 * which its predecessor hands over once the successor is ready.
		 */
		SUCCEEDING,

		/** The kernel no longer records our lock: another instance can start. */
		LOCK_LOST,

		/** Nothing exists at our path any more: another instance can start. */
		DELETED,

		/** Another file now sits at our path. */
		REPLACED,

		/** Our file was rewritten and no longer names this process. */
		OVERWRITTEN,

		/** The file could not be examined. */
		UNREADABLE

	}

	/**
	 * Describe what the pid file reads like for a message.
	 * @return a description
	 */
	@Override
	public String toString() {
		return this.path + " (pid " + this.pid + ")";
	}

}
