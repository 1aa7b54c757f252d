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

package io.github.bootd.upgrade;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds this process' descriptor of the socket listening on a TCP port, from
 * {@code /proc}: {@code /proc/net/tcp} and {@code tcp6} name the inode of each socket in
 * state {@code LISTEN} (0A) by its local port, and {@code /proc/self/fd} links each
 * descriptor to {@code socket:[inode]}. No web server API gives it: Tomcat, Jetty and
 * Netty keep their channels private.
 *
 * @author bootd authors
 */
public final class ListeningSockets {

	private static final Path PROC = Path.of("/proc");

	private static final String LISTEN = "0A";

	private final Path proc;

	ListeningSockets(Path proc) {
		this.proc = proc;
	}

	/**
	 * Read this process' sockets from the real {@code /proc}.
	 * @return the reader
	 */
	public static ListeningSockets ofThisProcess() {
		return new ListeningSockets(PROC);
	}

	/**
	 * Return the descriptor of the socket this process listens with on a port.
	 * @param port the local port
	 * @return the descriptor, empty when this process holds none
	 * @throws IOException if {@code /proc} cannot be read
	 */
	public OptionalInt descriptor(int port) throws IOException {
		Set<String> inodes = new HashSet<>();
		for (String table : List.of("tcp", "tcp6")) {
			inodes.addAll(listening(this.proc.resolve("self/net").resolve(table), port));
		}
		if (inodes.isEmpty()) {
			return OptionalInt.empty();
		}
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(this.proc.resolve("self/fd"))) {
			for (Path descriptor : descriptors) {
				String target;
				try {
					target = Files.readSymbolicLink(descriptor).toString();
				}
				catch (IOException ex) {
					// Closed since the listing
					continue;
				}
				if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
					return OptionalInt.of(Integer.parseInt(descriptor.getFileName().toString()));
				}
			}
		}
		return OptionalInt.empty();
	}

	/**
	 * The inodes of the sockets listening on a port: "sl local_address rem_address st
	 * tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode", the port in hexadecimal
	 * after the address' colon.
	 */
	private static Set<String> listening(Path table, int port) throws IOException {
		Set<String> inodes = new HashSet<>();
		List<String> lines;
		try {
			lines = Files.readAllLines(table);
		}
		catch (NoSuchFileException ex) {
			// No IPv6 in this kernel
			return inodes;
		}
		String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 9 && fields[3].equals(LISTEN) && fields[1].endsWith(suffix)) {
				inodes.add(fields[9]);
			}
		}
		return inodes;
	}

}
