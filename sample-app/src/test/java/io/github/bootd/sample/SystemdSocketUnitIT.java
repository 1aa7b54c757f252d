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
package io.github.bootd.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.RealSystemd.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket-activation recipes of {@code docs/recipes}, {@code myservice.socket} and
 * {@code myservice-socket.service} (installed as {@code myservice.service}), run by a
 * real systemd 252 ({@link RealSystemd}) on the packaged sample, adapted by drop-ins only
 * (the test's user, address and port). systemd binds the port; the service serves on it
 * and never binds {@code server.port}, which the test holds.
 *
 * @author bootd authors
 */
class SystemdSocketUnitIT {

	private static final String SOCKET = "myservice.socket";

	private static final String SERVICE = "myservice.service";

	/** Bound on one request that waits for a JVM's start-up in the socket's queue. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	/** Clients of the restart under load, each one connection per request. */
	private static final int CLIENTS = 4;

	/** Bound on the requests of the restart under load, whatever the machine's speed. */
	private static final int MAX_REQUESTS = 20_000;

	@RegisterExtension
	final RealSystemd systemd = new RealSystemd();

	private final int port = SampleDaemon.freePort();

	private final int serverPort = SampleDaemon.freePort();

	@Test
	void firstRequestWhenOnlyTheSocketIsStartedShouldStartTheServiceAndBeAnswered() throws Exception {
		try (ServerSocket taken = takeServerPort()) {
			install();
			assertThat(this.systemd.show(SERVICE, "ActiveState")).as("not started by the socket's start")
				.isEqualTo("inactive");
			Response first = request(START_TIMEOUT);
			assertThat(first.status()).as(first.text()).isEqualTo(200);
			assertThat(first.body()).isEqualTo("first");
			assertThat(this.systemd.show(SERVICE, "ActiveState")).isEqualTo("active");
			long mainPid = mainPid();
			ProcSockets sockets = ProcSockets.at(this.systemd.inside("/proc/" + mainPid));
			assertThat(sockets.listeningPort(0)).as("descriptor 0 of the main process").isEqualTo(this.port);
			assertThat(sockets.listensOn(this.serverPort)).as("listens on server.port").isFalse();
			String environ = Files.readString(this.systemd.inside("/proc/" + mainPid + "/environ"),
					StandardCharsets.ISO_8859_1);
			assertThat(environ).as("systemd's variables").contains("LISTEN_FDS=1");
			assertThat(this.systemd.journalctl("-u", SERVICE).stdout())
				.contains("Socket activation: systemd passed 1 socket (LISTEN_FDS=1); the first, descriptor 3")
				.contains("Serving HTTP on the inherited listening socket 127.0.0.1:" + this.port)
				.doesNotContain("closed the others");
		}
	}

	@Test
	void restartUnderLoadShouldFailNoRequest() throws Exception {
		try (ServerSocket taken = takeServerPort()) {
			install();
			assertThat(request(START_TIMEOUT).status()).isEqualTo(200);
			long before = mainPid();
			Result restart;
			long restartStarted;
			long restartEnded;
			try (Load load = new Load()) {
				load.awaitMore(50);
				restartStarted = System.nanoTime();
				restart = this.systemd.systemctl("restart", SERVICE);
				restartEnded = System.nanoTime();
				assertThat(restart.exitCode()).as(restart.output()).isZero();
				load.awaitMore(50);
				load.stop();
				assertThat(load.failures).as("failed requests of %d", load.answered.get()).isEmpty();
				// Connections made while no JVM accepted: they waited, and were answered
				assertThat(load.answeredStartedBetween(restartStarted, restartEnded)).isPositive();
				System.out.printf(
						"SystemdSocketUnitIT: %d requests, 0 failed, %d made during the restart"
								+ " (%d ms), longest %d ms%n",
						load.answered.get(), load.answeredStartedBetween(restartStarted, restartEnded),
						Duration.ofNanos(restartEnded - restartStarted).toMillis(),
						Duration.ofNanos(load.longest.get()).toMillis());
			}
			assertThat(mainPid()).as("a new JVM").isNotEqualTo(before);
			assertThat(this.systemd.show(SOCKET, "ActiveState")).isEqualTo("active");
		}
	}

	@Test
	void requestWhenServiceWasStoppedShouldActivateItAgain() throws Exception {
		try (ServerSocket taken = takeServerPort()) {
			install();
			assertThat(request(START_TIMEOUT).status()).isEqualTo(200);
			long first = mainPid();
			Result stop = this.systemd.systemctl("stop", SERVICE);
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			assertThat(this.systemd.show(SERVICE, "ActiveState")).isEqualTo("inactive");
			assertThat(Files.exists(this.systemd.inside("/proc/" + first))).isFalse();
			assertThat(this.systemd.show(SOCKET, "ActiveState")).as("the socket listens on").isEqualTo("active");
			Response again = request(START_TIMEOUT);
			assertThat(again.status()).as(again.text()).isEqualTo(200);
			assertThat(this.systemd.show(SERVICE, "ActiveState")).isEqualTo("active");
			assertThat(mainPid()).isNotEqualTo(first);
		}
	}

	/**
	 * Install the recipes as they are, the service as {@code myservice.service}, with
	 * drop-ins for the test's address, user and {@code server.port} (held by the test),
	 * and start the socket.
	 */
	private void install() throws IOException {
		this.systemd.installJar(SampleDaemon.jar());
		this.systemd.writeServiceFile("application.yml", "sample:\n  greeting:\n    message: first\n");
		Path recipes = Path.of(System.getProperty("recipes.dir"));
		this.systemd.installUnit(SOCKET, Files.readString(recipes.resolve("myservice.socket")));
		this.systemd.installUnit(SERVICE, Files.readString(recipes.resolve("myservice-socket.service")));
		// An empty ListenStream= drops the recipe's address
		this.systemd.installDropIn(SOCKET, "test",
				"[Socket]\nListenStream=\nListenStream=127.0.0.1:" + this.port + "\n");
		this.systemd.installDropIn(SERVICE, "test",
				"[Service]\nUser=" + RealSystemd.SERVICE_USER + "\nGroup=" + RealSystemd.SERVICE_USER
						+ "\nEnvironment=SERVER_PORT=" + this.serverPort + " DAEMON_OUTPUT_FILE=/dev/null\n");
		Result start = this.systemd.systemctl("start", SOCKET);
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(this.systemd.show(SOCKET, "ActiveState")).isEqualTo("active");
	}

	/** server.port, taken by the test: a service that bound it would fail to start. */
	private ServerSocket takeServerPort() throws IOException {
		return new ServerSocket(this.serverPort, 1, InetAddress.getLoopbackAddress());
	}

	private String journal() {
		return this.systemd.journalctl("-u", SERVICE).stdout();
	}

	private long mainPid() {
		return Long.parseLong(this.systemd.show(SERVICE, "MainPID"));
	}

	/**
	 * {@code GET /greeting} on a connection of its own, closed by the server after the
	 * answer ({@code Connection: close}): no pool, no keep-alive, no retry.
	 */
	private Response request(Duration timeout) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 10_000);
			socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /greeting HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new Response(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
		}
	}

	/**
	 * An HTTP/1.1 response as read off the wire.
	 *
	 * @param text the whole response
	 */
	private record Response(String text) {

		int status() {
			return (this.text.startsWith("HTTP/1.1 ") && this.text.length() >= 12)
					? Integer.parseInt(this.text.substring(9, 12)) : -1;
		}

		String body() {
			int end = this.text.indexOf("\r\n\r\n");
			String body = (end < 0) ? "" : this.text.substring(end + 4);
			// Tomcat answers a small body with a known length: no chunks
			return body;
		}

	}

	/**
	 * {@link #CLIENTS} threads, each making requests one after another, a new connection
	 * each, until stopped or {@link #MAX_REQUESTS}; any answer but 200 is a failure.
	 */
	private final class Load implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicLong longest = new AtomicLong();

		private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();

		private final List<Thread> threads = new ArrayList<>();

		Load() {
			for (int i = 0; i < CLIENTS; i++) {
				Thread thread = new Thread(this::run, "load-" + i);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void run() {
			while (this.running.get() && this.answered.get() + this.failures.size() < MAX_REQUESTS) {
				long start = System.nanoTime();
				try {
					Response response = request(START_TIMEOUT);
					if (response.status() == 200) {
						this.answered.incrementAndGet();
						this.starts.add(start);
						this.longest.accumulateAndGet(System.nanoTime() - start, Math::max);
					}
					else {
						this.failures.add("status " + response.status() + " " + when(start) + ": " + response.text());
					}
				}
				catch (IOException ex) {
					this.failures.add(ex + " " + when(start));
				}
			}
		}

		/** When a request began and how long it took, for a failure's description. */
		private String when(long start) {
			long now = System.nanoTime();
			return "(begun at " + java.time.Instant.now().minusNanos(now - start) + ", after "
					+ Duration.ofNanos(now - start).toMillis() + " ms)";
		}

		void awaitMore(int more) {
			int target = this.answered.get() + more;
			assertThat(SampleDaemon.await(() -> this.answered.get() >= target || !this.failures.isEmpty()
					|| this.threads.stream().noneMatch(Thread::isAlive), START_TIMEOUT))
				.as("%d more answers", more)
				.isTrue();
			assertThat(this.failures).as(() -> "failed requests; the journal: " + journal()).isEmpty();
		}

		long answeredStartedBetween(long from, long to) {
			return this.starts.stream().filter((start) -> start >= from && start <= to).count();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(START_TIMEOUT.toMillis());
			}
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
