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
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.Acceptor;
import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's NIO HTTP/1.1 protocol on an endpoint that stops accepting from a shared,
 * inherited listening socket without taking a connection it will not serve.
 * <p>
 * Tomcat's acceptor blocks in {@code accept()}, and to stop it (a pause, a graceful
 * shutdown, a stop) Tomcat connects to its own port. On a socket of its own that wakes
 * the acceptor with Tomcat's own connection. On a socket it shares (systemd keeps its
 * copy, an upgrade's successor serves on it too), the queue also holds clients'
 * connections: the acceptor wakes with whichever comes first and closes it unanswered (a
 * reset for that client), Tomcat's own wake-up connection goes to the next JVM, and
 * because Tomcat never closes an inherited channel the stopped acceptor goes on taking
 * and closing connections until the JVM exits. Measured under a real systemd: failed
 * requests in every {@code systemctl restart} under load. This endpoint accepts only when
 * the socket has a connection waiting ({@code select}, then a non-blocking
 * {@code accept}) and, asked to stop, simply stops: connections stay in the queue for
 * whoever serves next.
 *
 * @author bootd authors
 */
public class InheritedChannelHttp11NioProtocol extends Http11NioProtocol {

	public InheritedChannelHttp11NioProtocol() {
		super(new InheritedChannelEndpoint());
	}

	/**
	 * The endpoint; without {@code useInheritedChannel} it is Tomcat's own.
	 */
	static final class InheritedChannelEndpoint extends NioEndpoint {

		/** Bound on one wait, after which the stop conditions are looked at again. */
		private static final long SELECT_MILLIS = 100;

		/** Bound on the wait for connections accepted before the stop to be answered. */
		private static final Duration DRAIN = Duration.ofSeconds(1);

		private volatile boolean stopAccepting;

		private @Nullable Selector selector;

		@Override
		protected @Nullable SocketChannel serverSocketAccept() throws Exception {
			if (!getUseInheritedChannel()) {
				return super.serverSocketAccept();
			}
			ServerSocketChannel server = (ServerSocketChannel) getServerSocket();
			Selector selector = this.selector;
			if (selector == null) {
				// Only the acceptor thread gets here, before it ever blocked in accept()
				selector = Selector.open();
				server.configureBlocking(false);
				server.register(selector, SelectionKey.OP_ACCEPT);
				this.selector = selector;
			}
			while (!this.stopAccepting && !isPaused() && isRunning()) {
				SocketChannel socket = server.accept();
				if (socket != null) {
					// As Tomcat's blocking accept hands it over
					socket.configureBlocking(true);
					return socket;
				}
				selector.select(SELECT_MILLIS);
				selector.selectedKeys().clear();
			}
			if (!isPaused()) {
				// Stopped for good without a pause (stopAcceptingForGood, the endpoint
				// reading as not running): the acceptor ends on an exception, and is not
				// stopped itself, since it destroys what it accepted once it is
				throw new ClosedChannelException();
			}
			// Paused, as Tomcat stops: the acceptor destroys this "socket" and ends, or
			// waits while paused
			return null;
		}

		@Override
		protected void destroySocket(@Nullable SocketChannel socket) {
			if (socket == null) {
				// Nothing was accepted: only the connection count to give back
				countDownConnection();
				return;
			}
			super.destroySocket(socket);
		}

		@Override
		protected void unlockAccept() {
			if (!getUseInheritedChannel()) {
				super.unlockAccept();
				return;
			}
			// No connection to our own port: the next in the queue may be a client's
			this.stopAccepting = true;
			Selector selector = this.selector;
			if (selector != null) {
				selector.wakeup();
			}
			// A connection accepted just before is not yet a request in progress, which
			// is all that Spring Boot's graceful shutdown waits for: give the ones open a
			// moment to be read and answered (keep-alive ones idle through it)
			long deadline = System.nanoTime() + DRAIN.toNanos();
			while ((acceptorRunning() || getConnectionCount() > 0) && System.nanoTime() < deadline) {
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		private boolean acceptorRunning() {
			return this.acceptor != null && this.acceptor.getState() == Acceptor.AcceptorState.RUNNING;
		}

		/**
		 * Stop accepting for good without pausing: the acceptor's wait ends with nothing
		 * taken from the queue, and the connections open are served on (a pause would
		 * answer their next request with 503). For an upgrade's predecessor and a
		 * socket-activated service that stops, whose queue another JVM takes on.
		 */
		void stopAcceptingForGood() {
			this.stopAccepting = true;
			Selector selector = this.selector;
			if (selector != null) {
				selector.wakeup();
			}
		}

		@Override
		public void resume() {
			// A pause ends; a graceful close never resumes
			this.stopAccepting = false;
			super.resume();
		}

		@Override
		public void unbind() throws Exception {
			Selector selector = this.selector;
			if (selector != null) {
				try {
					selector.close();
				}
				catch (IOException ex) {
					// Only the selector's own descriptors
				}
			}
			super.unbind();
		}

	}

}
