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
package io.github.bootd.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.bootd.upgrade.MainProcess;

/**
 * The datagram socket systemd listens on for a service's notifications
 * ({@code $NOTIFY_SOCKET}, sd_notify(3)).
 * <p>
 * Through jnr-unixsocket: the JDK opens Unix stream sockets only, not datagram ones
 * ({@code DatagramChannel.open(UNIX)} throws). A notification that cannot be sent is
 * logged once and dropped: systemd then times the service out, which says more than a
 * service that refuses to run.
 *
 * @author bootd authors
 */
public final class NotifySocket implements MainProcess, AutoCloseable {

	private static final Log logger = LogFactory.getLog(NotifySocket.class);

	private final String address;

	private final UnixSocketAddress target;

	private final UnixDatagramChannel channel;

	private boolean warned;

	private boolean handedOver;

	private NotifySocket(String address, UnixSocketAddress target, UnixDatagramChannel channel) {
		this.address = address;
		this.target = target;
		this.channel = channel;
	}

	/**
	 * Open a socket to send to the given address.
	 * @param address the value of {@code NOTIFY_SOCKET}
	 * @return the socket
	 * @throws IOException if no datagram socket can be opened
	 */
	public static NotifySocket open(String address) throws IOException {
		return new NotifySocket(address, new UnixSocketAddress(path(address)), UnixDatagramChannel.open());
	}

	/**
	 * Turn {@code NOTIFY_SOCKET} into a socket path: a leading {@code @} names a socket
	 * in the abstract namespace, whose kernel address starts with a NUL byte (unix(7));
	 * jnr-unixsocket passes the path as it is, so the mapping is ours to do.
	 * @param address the value of {@code NOTIFY_SOCKET}
	 * @return the path for the socket address
	 */
	static String path(String address) {
		return address.startsWith("@") ? "\0" + address.substring(1) : address;
	}

	/**
	 * Send one notification: newline-separated {@code KEY=VALUE} assignments.
	 * @param message the assignments
	 * @return whether it was sent
	 */
	public synchronized boolean send(String message) {
		if (this.handedOver && !message.equals("WATCHDOG=1")) {
			// A successor serves: this process' STOPPING=1 would be taken for the
			// service's. It is the main process until it exits, and its keep-alive tells
			// the truth: it is draining
			return false;
		}
		try {
			this.channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), this.target);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			if (!this.warned) {
				this.warned = true;
				logger.warn("Could not notify systemd at NOTIFY_SOCKET=" + this.address + " ("
						+ message.lines().findFirst().orElse("") + "); further failures are not logged: " + ex);
			}
			return false;
		}
	}

	/**
	 * Tell systemd that a successor serves ({@code STATUS=}), then nothing more but
	 * {@code WATCHDOG=1}. Not {@code MAINPID=}: systemd would supervise the successor as
	 * a process that is not its child, and its stop would send SIGTERM and, waiting for
	 * no exit it cannot see, SIGKILL at once (systemd 252, {@code unit_kill_context}).
	 * The unit's {@code PIDFile=}, which systemd reads again when its main process exits
	 * ("forking services may occasionally move to a new PID", {@code service.c}), names
	 * the successor by then, and the successor is systemd's child once this one is gone.
	 * @param status the status line
	 * @return whether it was sent
	 */
	@Override
	public synchronized boolean handOver(String status) {
		boolean sent = send("STATUS=" + status.replaceAll("[\\r\\n]+", " "));
		this.handedOver = true;
		return sent;
	}

	@Override
	public synchronized void close() throws IOException {
		this.channel.close();
	}

}
