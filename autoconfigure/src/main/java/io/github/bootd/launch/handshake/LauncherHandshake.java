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
package io.github.bootd.launch.handshake;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.github.bootd.launch.handshake.DaemonHandshake.Kind;

/**
 * The launcher's end of the readiness handshake: a Unix domain socket in a private (0700)
 * temporary directory that the daemon child reports to.
 * <p>
 * A separate channel, not the child's stdout, so that the daemon's output never goes into
 * a pipe whose reader (the launcher) may be gone, and so that a caller reading the
 * launcher's output through a pipe sees it end when the launcher exits.
 *
 * @author bootd authors
 */
public final class LauncherHandshake implements Closeable {

	private static final FileAttribute<Set<PosixFilePermission>> PRIVATE = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

	private static final int MAX_ATTEMPTS = 100;

	/**
	 * The file in the directory through which the child gets its {@code LaunchCommand}.
	 */
	public static final String RECORD = "launch";

	/** The file in the directory: the script that execs the child. */
	public static final String SCRIPT = "start";

	private final Path directory;

	private final Path socket;

	private final ServerSocketChannel server;

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final Thread reader = new Thread(this::read, "bootd-handshake");

	private volatile @Nullable SocketChannel connection;

	private LauncherHandshake(Path socket, ServerSocketChannel server) {
		// The socket is created inside the handshake directory: it has a parent
		this.directory = Objects.requireNonNull(socket.getParent());
		this.socket = socket;
		this.server = server;
	}

	public static LauncherHandshake open() throws IOException {
		Path directory = privateDirectory();
		Path socket = directory.resolve("handshake");
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			server.bind(UnixDomainSocketAddress.of(socket));
		}
		catch (IOException | RuntimeException ex) {
			// Say a long java.io.tmpdir made the path too long for a socket address
			server.close();
			Files.deleteIfExists(directory);
			throw ex;
		}
		LauncherHandshake handshake = new LauncherHandshake(socket, server);
		handshake.reader.setDaemon(true);
		handshake.reader.start();
		return handshake;
	}

	/**
	 * Create a private (0700) directory under {@code java.io.tmpdir}. Not with
	 * {@link Files#createTempDirectory}, whose random name costs the launcher
	 * {@code SecureRandom}'s initialization (15-20 ms before the daemon starts): the name
	 * need not be secret, because {@code mkdir} fails on anything that already exists,
	 * symbolic links included, and then the next name is tried.
	 */
	public static Path privateDirectory() throws IOException {
		Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
		String prefix = "bootd-" + ProcessHandle.current().pid() + "-";
		for (int attempt = 1;; attempt++) {
			Path directory = temporary.resolve(prefix + Long.toHexString(System.nanoTime()));
			try {
				return Files.createDirectory(directory, PRIVATE);
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt == MAX_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Give the directory and what is in it to the user the child runs as, who must read
	 * the script and the launch record, connect to the socket and remove them all: the
	 * directory stays 0700, reachable for that user (and root) and nobody else.
	 * @param uid the child's user id
	 * @param gid the child's group id
	 * @throws IOException if the owner cannot be changed
	 */
	public void giveTo(long uid, long gid) throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				chown(file, uid, gid);
			}
		}
		chown(this.directory, uid, gid);
	}

	private static void chown(Path path, long uid, long gid) throws IOException {
		Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
	}

	public Path socket() {
		return this.socket;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Return whether the child has connected; once it has, its messages end with
	 * {@link Message#END} when it exits.
	 * @return whether the child connected
	 */
	public boolean isConnected() {
		return this.connection != null;
	}

	/**
	 * Wait for the next message from the child.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none arrived in time
	 */
	public @Nullable Message poll(Duration timeout) {
		try {
			return this.messages.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Message.END;
		}
	}

	private void read() {
		try (SocketChannel channel = this.server.accept();
				DataInputStream input = new DataInputStream(Channels.newInputStream(channel))) {
			this.connection = channel;
			while (true) {
				Kind kind = Kind.valueOf(input.readUTF());
				this.messages.add(new Message(kind, input.readUTF()));
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// The child exited (end of stream), the launcher closed the socket, or a
			// garbled message: either way nothing more will come
		}
		this.messages.add(Message.END);
	}

	/**
	 * Close the socket and wait briefly for the reader to finish: a thread still blocked
	 * in a native read delays the JVM's exit by up to 300 ms.
	 */
	@Override
	public void close() throws IOException {
		this.server.close();
		SocketChannel channel = this.connection;
		if (channel != null) {
			channel.close();
		}
		try {
			this.reader.join(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		remove(this.directory);
	}

	/**
	 * Remove a handshake directory and what bootd put in it. Both ends call it: the
	 * launcher when it stops waiting, the child once its reports are over, so that a
	 * launcher killed while it waits leaves nothing behind. Each file goes before the
	 * directory, so whichever end comes second finds nothing left.
	 * @param directory the directory
	 * @throws IOException if something else is in it
	 */
	public static void remove(Path directory) throws IOException {
		Files.deleteIfExists(directory.resolve("handshake"));
		Files.deleteIfExists(directory.resolve(RECORD));
		Files.deleteIfExists(directory.resolve(SCRIPT));
		Files.deleteIfExists(directory);
	}

	/**
	 * A message from the child.
	 *
	 * @param kind the kind, {@code null} for the end of the messages
	 * @param text the text
	 */
	public record Message(@Nullable Kind kind, String text) {

		static final Message END = new Message(null, "");

	}

}
