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
package io.github.bootd.sample.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux says about a process' TCP sockets, from {@code /proc/<pid>}: which
 * descriptor is which socket, which sockets listen on which port (a copy of the sample
 * application's, trimmed).
 *
 * @author bootd authors
 */
final class ProcSockets {

	/** {@code TCP_LISTEN} in the {@code st} column of {@code /proc/net/tcp}. */
	private static final String LISTEN = "0A";

	private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)\\]");

	private final Path directory;

	private ProcSockets(Path directory) {
		this.directory = directory;
	}

	static ProcSockets of(long pid) {
		return new ProcSockets(Path.of("/proc", Long.toString(pid)));
	}

	/**
	 * The inode of the socket a descriptor points at ({@code socket:[<inode>]}).
	 * @param fd the descriptor
	 * @return the inode, or -1 if the descriptor is not a socket or not open
	 */
	long socketInode(int fd) {
		try {
			Matcher socket = SOCKET.matcher(Files.readSymbolicLink(this.directory.resolve("fd/" + fd)).toString());
			return socket.matches() ? Long.parseLong(socket.group(1)) : -1;
		}
		catch (NoSuchFileException ex) {
			return -1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The listening TCP sockets of the process' network namespace: socket inode to port.
	 * @return the listening sockets
	 */
	Map<Long, Integer> listening() {
		Map<Long, Integer> listening = new TreeMap<>();
		for (String table : new String[] { "net/tcp", "net/tcp6" }) {
			Path file = this.directory.resolve(table);
			if (!Files.exists(file)) {
				continue;
			}
			try {
				for (String line : Files.readAllLines(file)) {
					// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
					// inode
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 9 && fields[3].equals(LISTEN)) {
						String local = fields[1];
						int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
						listening.put(Long.parseLong(fields[9]), port);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return listening;
	}

	/**
	 * The port a descriptor of the process listens on.
	 * @param fd the descriptor
	 * @return the port, or -1 if the descriptor is not a listening TCP socket
	 */
	int listeningPort(int fd) {
		long inode = socketInode(fd);
		return (inode < 0) ? -1 : listening().getOrDefault(inode, -1);
	}

	/**
	 * Whether any descriptor of the process is a socket listening on a port.
	 * @param port the port
	 * @return whether the process listens on it
	 */
	boolean listensOn(int port) {
		Map<Long, Integer> listening = listening();
		try (var fds = Files.list(this.directory.resolve("fd"))) {
			return fds.map((fd) -> socketInode(Integer.parseInt(fd.getFileName().toString())))
				.anyMatch((inode) -> listening.getOrDefault(inode, -1) == port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
