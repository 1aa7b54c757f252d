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

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import io.github.bootd.control.LaunchCommand;

/**
 * The daemon child's end of the readiness handshake. The launcher passes the socket path
 * as a system property on the child's command line: unlike an environment variable it is
 * not inherited by processes the daemon starts, so they never mistake themselves for a
 * daemon child.
 * <p>
 * Sending never fails the daemon: if the launcher is gone (killed while waiting), the
 * report is dropped and the daemon goes on.
 *
 * @author bootd authors
 */
public final class DaemonHandshake {

	/** The system property that carries the handshake socket and marks the child. */
	public static final String PROPERTY = "bootd.daemon.handshake";

	private static final int MAX_TEXT = 60_000;

	private static final @Nullable DaemonHandshake CURRENT = create(System.getProperty(PROPERTY));

	private final String socket;

	private @Nullable DataOutputStream output;

	private boolean broken;

	private DaemonHandshake(String socket) {
		this.socket = socket;
	}

	private static @Nullable DaemonHandshake create(@Nullable String socket) {
		if (socket == null || socket.isEmpty()) {
			return null;
		}
		DaemonHandshake handshake = new DaemonHandshake(socket);
		// Whatever way the child ends, even by a signal or a failed start, it removes the
		// launcher's directory if the launcher was killed before it could
		Runtime.getRuntime().addShutdownHook(new Thread(handshake::removeDirectory, "bootd-handshake-cleanup"));
		return handshake;
	}

	/**
	 * Read the record of the command that launched this child, which the launcher left in
	 * the handshake directory.
	 * @return the record, {@code null} when there is none (an older launcher)
	 */
	public @Nullable LaunchCommand readLaunchCommand() {
		Path directory = directory();
		if (directory == null) {
			return null;
		}
		try {
			return LaunchCommand.readFrom(directory.resolve(LauncherHandshake.RECORD));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Tell the launcher when TERM or INT ends the child before it is ready: the launcher
	 * is not the child's parent (setsid forked it), so it cannot read the exit status
	 * that would name the signal. Each handler passes the signal on to the JVM's own, so
	 * the child ends exactly as it would have (shutdown hooks, status 128 + signal).
	 * Under {@code -Xrs} the JVM refuses the handlers, and nothing changes.
	 */
	public void reportSignals() {
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal signal = new Signal(name);
				SignalHandler[] previous = new SignalHandler[1];
				previous[0] = Signal.handle(signal, (received) -> {
					send(Kind.SIGNALLED, "SIG" + received.getName());
					SignalHandler next = previous[0];
					if (next == SignalHandler.SIG_IGN) {
						return;
					}
					if (next == null || next == SignalHandler.SIG_DFL) {
						Runtime.getRuntime().exit(128 + received.getNumber());
						return;
					}
					next.handle(received);
				});
			}
			catch (IllegalArgumentException ex) {
				// -Xrs, or a signal the VM keeps: the launcher says what it can without
				// it
			}
		}
	}

	/**
	 * Remove the handshake directory once the reports are over; harmless when the
	 * launcher removed it already.
	 */
	void removeDirectory() {
		Path directory = directory();
		if (directory == null || !directory.getFileName().toString().startsWith("bootd-")) {
			return;
		}
		try {
			LauncherHandshake.remove(directory);
		}
		catch (IOException ex) {
			// Something else was put there: not ours to delete
		}
	}

	private @Nullable Path directory() {
		return Path.of(this.socket).getParent();
	}

	/**
	 * Return the handshake of this JVM when it is a daemon child.
	 * @return the handshake or {@code null} when this JVM was not launched by bootd
	 */
	public static @Nullable DaemonHandshake current() {
		return CURRENT;
	}

	public synchronized void send(Kind kind, String text) {
		if (this.broken) {
			return;
		}
		try {
			if (this.output == null) {
				SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
				channel.connect(UnixDomainSocketAddress.of(this.socket));
				this.output = new DataOutputStream(Channels.newOutputStream(channel));
			}
			this.output.writeUTF(kind.name());
			this.output.writeUTF((text.length() > MAX_TEXT) ? text.substring(0, MAX_TEXT) : text);
			this.output.flush();
		}
		catch (IOException ex) {
			// The launcher is gone: nobody is waiting for this report any more
			this.broken = true;
		}
	}

	public synchronized void close() {
		try {
			if (this.output != null) {
				this.output.close();
			}
		}
		catch (IOException ex) {
			// Nothing to tell anyone
		}
		this.broken = true;
		removeDirectory();
	}

	/**
	 * The kinds of report, in the order a child sends them.
	 */
	public enum Kind {

		/** The configuration says to detach; the text is the {@link Decision}. */
		DECIDED,

		/** The configuration does not ask for a detached daemon: the launcher runs it. */
		NOT_DAEMON,

		/** A {@code daemon.*} value is invalid; the text is the failure analysis. */
		INVALID,

		/** Another instance holds the pid file; the text is its pid. */
		RUNNING,

		/** The application is ready. */
		READY,

		/** Start-up failed; the text is the exception and its causes. */
		FAILED,

		/** Spring Boot's failure analysis of the failed start, formatted. */
		ANALYSIS,

		/** A signal is ending the child before it is ready; the text is its name. */
		SIGNALLED,

		/**
		 * Something the user should know before the outcome, such as an unknown
		 * {@code daemon.*} property; sent before DECIDED or INVALID.
		 */
		WARNING

	}

}
