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
package io.github.bootd.launch;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * The daemon child's end of the readiness handshake. The launcher passes the socket path
 * as a system property on the child's command line: unlike an environment variable it
 * is not inherited by processes the daemon starts, so they never mistake themselves for
 * a daemon child.
 * <p>
 * Sending never fails the daemon: if the launcher is gone (killed while waiting), the
 * report is dropped and the daemon goes on.
 *
 * @author bootd authors
 */
final class DaemonHandshake {

	/** The system property that carries the handshake socket and marks the child. */
	static final String PROPERTY = "bootd.daemon.handshake";

	private static final int MAX_TEXT = 60_000;

	private static final @Nullable DaemonHandshake CURRENT = create(System.getProperty(PROPERTY));

	private final String socket;

	private @Nullable DataOutputStream output;

	private boolean broken;

	private DaemonHandshake(String socket) {
		this.socket = socket;
	}

	private static @Nullable DaemonHandshake create(@Nullable String socket) {
		return (socket != null && !socket.isEmpty()) ? new DaemonHandshake(socket) : null;
	}

	/**
	 * Return the handshake of this JVM when it is a daemon child.
	 * @return the handshake or {@code null} when this JVM was not launched by bootd
	 */
	static @Nullable DaemonHandshake current() {
		return CURRENT;
	}

	synchronized void send(Kind kind, String text) {
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

	synchronized void close() {
		try {
			if (this.output != null) {
				this.output.close();
			}
		}
		catch (IOException ex) {
			// Nothing to tell anyone
		}
		this.broken = true;
	}

	/**
	 * The kinds of report, in the order a child sends them.
	 */
	enum Kind {

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

		/**
		 * Something the user should know before the outcome, such as an unknown
		 * {@code daemon.*} property; sent before DECIDED or INVALID.
		 */
		WARNING

	}

}
