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
package io.github.bootd.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClosedLoopClient}: each outcome is produced by a real server socket on
 * loopback doing what a server does (refusing, resetting, closing early or while idle,
 * never answering), and the client's label and retry are checked.
 *
 * @author bootd authors
 */
class ClosedLoopClientTests {

	private static final String OK_RESPONSE = "HTTP/1.1 200 \r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

	private TestServer server;

	@AfterEach
	void closeServer() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void sendWhenNothingListensShouldBeRefused() throws IOException {
		InetSocketAddress address;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			address = (InetSocketAddress) socket.getLocalSocketAddress();
		}
		assertThat(client(address, false, 2000).send()).isEqualTo(Outcome.REFUSED);
	}

	@Test
	void sendWhenServerAnswersShouldBeOkForBothModes() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			while (readRequest(socket)) {
				write(socket, OK_RESPONSE);
			}
		});
		assertThat(client(this.server.address(), false, 2000).send()).isEqualTo(Outcome.OK);
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		for (int i = 0; i < 3; i++) {
			assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
			assertThat(keepAlive.retried()).isFalse();
		}
		// One connection for the new-connection request, one for the three keep-alive
		// ones
		assertThat(this.server.connections()).isEqualTo(2);
	}

	@Test
	void sendWhenResponseIsChunkedShouldReadItToTheEnd() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			while (readRequest(socket)) {
				write(socket,
						"HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\n\r\n");
			}
		});
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void sendWhenStatusIsNot2xxShouldNameTheStatus() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			readRequest(socket);
			write(socket, "HTTP/1.1 503 \r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		});
		assertThat(client(this.server.address(), false, 2000).send()).isEqualTo("status-503");
	}

	@Test
	void sendWhenServerResetsShouldBeReset() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			readRequest(socket);
			// SO_LINGER 0: close(2) sends RST instead of FIN
			socket.setSoLinger(true, 0);
		});
		assertThat(client(this.server.address(), false, 2000).send()).isEqualTo(Outcome.RESET);
	}

	@Test
	void sendWhenServerClosesInTheBodyShouldBeClosedAndNotRetried() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			if (connection == 0) {
				readRequest(socket);
				write(socket, OK_RESPONSE);
			}
			readRequest(socket);
			write(socket, "HTTP/1.1 200 \r\nContent-Length: 5\r\n\r\nhel");
		});
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		// Part of the response arrived: HTTP does not allow a retry
		assertThat(keepAlive.send()).isEqualTo(Outcome.CLOSED);
		assertThat(keepAlive.retried()).isFalse();
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void sendWhenServerClosedTheIdleConnectionShouldRetryOnceOnANewOne() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			readRequest(socket);
			write(socket, OK_RESPONSE);
			if (connection > 0) {
				readRequest(socket);
				write(socket, OK_RESPONSE);
			}
			// Connection 0 is closed after one response, without Connection: close, as a
			// server closes an idle persistent connection
		});
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		this.server.awaitClosed(0);
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		assertThat(keepAlive.retried()).isTrue();
		assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
		assertThat(keepAlive.retried()).isFalse();
		assertThat(this.server.connections()).isEqualTo(2);
	}

	@Test
	void sendWhenAFreshConnectionClosesBeforeAnyResponseShouldFailWithoutRetry() throws IOException {
		this.server = new TestServer((socket, connection) -> readRequest(socket));
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		assertThat(keepAlive.send()).isEqualTo(Outcome.CLOSED);
		assertThat(keepAlive.retried()).isFalse();
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void sendWhenResponseSaysConnectionCloseShouldOpenANewConnectionWithoutRetry() throws IOException {
		this.server = new TestServer((socket, connection) -> {
			readRequest(socket);
			write(socket, "HTTP/1.1 200 \r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		});
		ClosedLoopClient keepAlive = client(this.server.address(), true, 2000);
		for (int i = 0; i < 3; i++) {
			assertThat(keepAlive.send()).isEqualTo(Outcome.OK);
			assertThat(keepAlive.retried()).isFalse();
		}
		assertThat(this.server.connections()).isEqualTo(3);
	}

	@Test
	void sendWhenServerNeverAnswersShouldTimeOut() throws IOException {
		AtomicBoolean release = new AtomicBoolean();
		this.server = new TestServer((socket, connection) -> {
			readRequest(socket);
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!release.get() && System.nanoTime() < deadline) {
				sleep();
			}
		});
		try {
			assertThat(client(this.server.address(), false, 200).send()).isEqualTo(Outcome.TIMEOUT);
		}
		finally {
			release.set(true);
		}
	}

	private static ClosedLoopClient client(InetSocketAddress address, boolean keepAlive, int timeoutMillis) {
		return new ClosedLoopClient(address, "/greeting", keepAlive, timeoutMillis, 0, new Phases("test", 0),
				System.nanoTime(), new AtomicBoolean(), new AtomicLong(Long.MAX_VALUE));
	}

	/**
	 * Reads one request head (up to its empty line).
	 * @return false at the end of the stream
	 */
	private static boolean readRequest(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = in.read();
			if (b == -1) {
				return false;
			}
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return true;
	}

	private static void write(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the test server does with one accepted connection, which it closes afterwards.
	 */
	interface Handler {

		void handle(Socket socket, int connection) throws IOException;

	}

	/**
	 * A server socket on loopback that hands each connection, numbered from 0, to a
	 * handler on its own thread.
	 */
	static final class TestServer implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Set<Integer> closed = ConcurrentHashMap.newKeySet();

		TestServer(Handler handler) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						Socket accepted = this.socket.accept();
						int number = this.connections.getAndIncrement();
						Thread worker = new Thread(() -> {
							try (accepted) {
								handler.handle(accepted, number);
							}
							catch (IOException ex) {
								// The client went away: nothing to serve
							}
							this.closed.add(number);
						});
						worker.setDaemon(true);
						worker.start();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		InetSocketAddress address() {
			return (InetSocketAddress) this.socket.getLocalSocketAddress();
		}

		int connections() {
			return this.connections.get();
		}

		void awaitClosed(int connection) {
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!this.closed.contains(connection) && System.nanoTime() < deadline) {
				sleep();
			}
			assertThat(this.closed).contains(connection);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
