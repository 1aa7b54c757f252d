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
package io.github.bootd.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.bootd.process.NativePosix;

/**
 * Adopts the listening sockets systemd passes a socket-activated service by the
 * sd_listen_fds(3) protocol ({@code LISTEN_PID} this process, {@code LISTEN_FDS} sockets
 * from descriptor 3 on): the first one is moved to standard input, where
 * {@link InheritedSocket} finds it and the web server serves on it. The JDK only looks at
 * descriptor 0 ({@link System#inheritedChannel()}), once, and caches what it saw, so this
 * runs before anything else in bootd, natively ({@code dup2(3, 0)}, then
 * {@code close(3)}).
 * <p>
 * A web server serves one socket: further ones ({@code LISTEN_FDS=2}, two
 * {@code ListenStream=} lines) are closed, and a warning says so (systemd keeps its own
 * copies: connections to them wait in its queue, never answered). The variables cannot be
 * removed from this JVM's environment (the JDK copied it at start-up, and
 * {@link ProcessBuilder} hands that copy to children), so every process bootd starts gets
 * an environment without {@link #VARIABLES}, as sd_listen_fds' {@code unset_environment}
 * would have it.
 *
 * @author bootd authors
 */
public final class SocketActivation {

	/** The variables of the protocol, which no child process may inherit. */
	public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

	/** {@code SD_LISTEN_FDS_START}: the first socket's descriptor. */
	static final int FIRST_DESCRIPTOR = 3;

	private static @Nullable SocketActivation adopted;

	private static boolean looked;

	private final int count;

	private final List<String> names;

	private final List<String> closed;

	private final @Nullable String problem;

	private SocketActivation(int count, List<String> names, List<String> closed, @Nullable String problem) {
		this.count = count;
		this.names = names;
		this.closed = closed;
		this.problem = problem;
	}

	/**
	 * Adopt the sockets systemd passed this process, once per JVM; nothing happens unless
	 * {@code LISTEN_PID} is this process' pid and {@code LISTEN_FDS} at least 1. Never
	 * throws: what went wrong is {@link #warnings() reported} once logging works.
	 */
	public static synchronized void adopt() {
		if (looked) {
			return;
		}
		looked = true;
		adopted = adopt(System.getenv(), ProcessHandle.current().pid(), NativePosix::load);
	}

	/**
	 * What {@link #adopt()} did, if systemd passed this process any socket.
	 * @return the adoption, empty if there was none
	 */
	public static synchronized Optional<SocketActivation> adopted() {
		return Optional.ofNullable(adopted);
	}

	static @Nullable SocketActivation adopt(Map<String, String> environment, long pid, Supplier<NativePosix> posix) {
		String listenPid = environment.get("LISTEN_PID");
		String listenFds = environment.get("LISTEN_FDS");
		if (listenPid == null || listenFds == null || !listenPid.trim().equals(Long.toString(pid))) {
			// Not for this process: a parent's, which a child must ignore (sd_listen_fds)
			return null;
		}
		int count;
		try {
			count = Integer.parseInt(listenFds.trim());
		}
		catch (NumberFormatException ex) {
			return new SocketActivation(0, List.of(), List.of(),
					"LISTEN_FDS=" + listenFds + " is not a number of descriptors: no socket adopted");
		}
		if (count < 1) {
			return null;
		}
		List<String> names = names(environment.get("LISTEN_FDNAMES"));
		List<String> closed = new ArrayList<>();
		try {
			NativePosix calls = posix.get();
			calls.dup2(FIRST_DESCRIPTOR, 0);
			calls.close(FIRST_DESCRIPTOR);
			for (int fd = FIRST_DESCRIPTOR + 1; fd < FIRST_DESCRIPTOR + count; fd++) {
				String what = describe(fd, names, fd - FIRST_DESCRIPTOR);
				calls.close(fd);
				closed.add(what);
			}
		}
		catch (RuntimeException ex) {
			return new SocketActivation(count, names, closed,
					"the sockets systemd passed (LISTEN_FDS=" + count + ") could not be adopted: " + ex.getMessage());
		}
		return new SocketActivation(count, names, Collections.unmodifiableList(closed), null);
	}

	private static List<String> names(@Nullable String listenFdNames) {
		return (listenFdNames != null && !listenFdNames.isEmpty()) ? List.of(listenFdNames.split(":", -1)) : List.of();
	}

	/** "descriptor 4 (socket:[1234], myservice.socket)", read before it is closed. */
	private static String describe(int fd, List<String> names, int index) {
		List<String> facts = new ArrayList<>();
		try {
			facts.add(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
		}
		catch (IOException | UnsupportedOperationException ex) {
			// No /proc: the name alone
		}
		if (index < names.size()) {
			facts.add(names.get(index));
		}
		return "descriptor " + fd + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")");
	}

	/**
	 * How many sockets systemd passed ({@code LISTEN_FDS}).
	 * @return the number of sockets
	 */
	public int count() {
		return this.count;
	}

	/**
	 * The descriptors passed after the first, closed unused.
	 * @return each closed descriptor, described
	 */
	public List<String> closed() {
		return this.closed;
	}

	/**
	 * What happened, in a line for the log.
	 * @return the description
	 */
	public String description() {
		String name = this.names.isEmpty() ? "" : " (" + this.names.get(0) + ")";
		if (this.problem != null) {
			return "Socket activation: systemd passed " + this.count + " socket(s) (LISTEN_FDS=" + this.count
					+ "), none adopted";
		}
		return "Socket activation: systemd passed " + this.count + ((this.count == 1) ? " socket" : " sockets")
				+ " (LISTEN_FDS=" + this.count + "); the first, descriptor " + FIRST_DESCRIPTOR + name
				+ ", is now standard input";
	}

	/**
	 * What the user must know and fix, if anything: sockets that could not be adopted, a
	 * first socket that is not a listening TCP one, sockets closed unused.
	 * @return the warnings, empty if there is none
	 */
	public List<String> warnings() {
		if (this.problem != null) {
			return List.of("Socket activation: " + this.problem + "; the web server binds server.port instead");
		}
		List<String> warnings = new ArrayList<>();
		if (InheritedSocket.onStandardInput().isEmpty()) {
			warnings.add("Socket activation: the first socket systemd passed (descriptor " + FIRST_DESCRIPTOR
					+ ") is not a listening TCP socket (a Unix or datagram socket, or Accept=yes?): the web server"
					+ " binds server.port instead");
		}
		if (!this.closed.isEmpty()) {
			warnings.add("Socket activation: systemd passed " + this.count + " sockets, and a web server serves one:"
					+ " bootd serves HTTP on the first (descriptor " + FIRST_DESCRIPTOR + ") and closed the others: "
					+ String.join(", ", this.closed) + ". Connections to them wait in systemd's queue and are"
					+ " never answered: give the socket unit a single ListenStream=");
		}
		return warnings;
	}

	@Override
	public String toString() {
		return description();
	}

}
