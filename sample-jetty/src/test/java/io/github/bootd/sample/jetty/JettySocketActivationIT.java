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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Socket activation of the packaged Jetty sample by the sd_listen_fds(3) protocol, with
 * systemd's own {@code systemd-socket-activate}: it binds the socket, waits for the first
 * connection, then execs the JVM with the socket on descriptor 3. The first request, made
 * before any JVM runs, is answered by Jetty; {@code server.port}, held by the test, is
 * never bound; and a SIGTERM's shutdown, during which Jetty closes its server channel,
 * still writes its lines to the service's standard output (the JDK points descriptors 0
 * to 2 at /dev/null when an inherited channel is closed).
 *
 * @author bootd authors
 */
class JettySocketActivationIT {

	/** Bound on awaited conditions, generous for a loaded 2-core machine. */
	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

	@TempDir
	Path directory;

	private final List<ProcessHandle> started = new ArrayList<>();

	@AfterEach
	void stopProcesses() {
		List<ProcessHandle> all = new ArrayList<>();
		for (ProcessHandle process : this.started) {
			process.descendants().forEach(all::add);
			all.add(process);
		}
		all.forEach(ProcessHandle::destroy);
		for (ProcessHandle process : all) {
			if (!await(() -> !process.isAlive(), Duration.ofSeconds(30))) {
				process.destroyForcibly();
				await(() -> !process.isAlive(), Duration.ofSeconds(10));
			}
		}
	}

	@Test
	void runWhenSocketActivatedShouldServeOnTheSocketAndLogTheShutdownAfterJettyClosedItsChannel() throws Exception {
		require(Files.isExecutable(SOCKET_ACTIVATE), SOCKET_ACTIVATE + " (package systemd)");
		int activated = freePort();
		Path output = this.directory.resolve("activated.out");
		try (ServerSocket serverPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Process service = start(output, SOCKET_ACTIVATE.toString(), "--listen=127.0.0.1:" + activated, java(),
					"-jar", jar().toString(), "--server.port=" + serverPort.getLocalPort(), "--daemon.enabled=true",
					"--daemon.mode=foreground", "--daemon.pid-file=" + this.directory.resolve("jetty.pid"));
			ProcSockets sockets = ProcSockets.of(service.pid());
			// The first request must find the socket bound, before the JVM exists
			assertThat(await(() -> !service.isAlive() || sockets.listeningPort(3) == activated, TIMEOUT))
				.as(() -> read(output))
				.isTrue();
			assertThat(commandLine(service.pid())).as("no JVM yet").startsWith(SOCKET_ACTIVATE.toString());

			// Made while no JVM runs: it starts the service and waits in the backlog
			HttpResponse<String> first = get(activated);
			assertThat(first.statusCode()).as(() -> read(output)).isEqualTo(200);
			assertThat(first.body()).isEqualTo("Hello from Jetty");
			assertThat(commandLine(service.pid())).as("systemd-socket-activate exec'd the JVM")
				.contains(jar().toString());
			assertThat(sockets.listeningPort(0)).as("the socket moved to descriptor 0").isEqualTo(activated);
			assertThat(sockets.listensOn(serverPort.getLocalPort())).as("the JVM listens on server.port").isFalse();
			assertThat(read(output))
				.contains("Socket activation: systemd passed 1 socket (LISTEN_FDS=1); the first, descriptor 3")
				.contains("Serving HTTP on the inherited listening socket 127.0.0.1:" + activated)
				.contains("Jetty started on port " + activated);
			assertThat(get(activated).statusCode()).isEqualTo(200);

			// The real kill, by pid: the shutdown closes Jetty's connector, then goes on
			// logging on descriptor 1
			Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(service.pid())).inheritIO().start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(kill.exitValue()).isZero();
			assertThat(service.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(() -> read(output)).isTrue();
			String log = read(output);
			// Jetty's shutdown closed its server channel first (the graceful shutdown's
			// ServerConnector.close); it logs these once its connector and server have
			// stopped (AbstractConnector.doStop, Server.doStop), Spring Boot's servlet
			// context after
			assertThat(log).contains("Commencing graceful shutdown").contains("Stopped oejs.ServerConnector@");
			assertThat(log.substring(log.indexOf("Stopped oejs.ServerConnector@")))
				.as("lines logged after the connector stopped")
				.contains("Stopped oejs.Server@")
				.contains("Stopped osbjs.JettyEmbeddedWebAppContext@");
		}
	}

	@Test
	void restartWhenTheSocketOutlivesTheJvmShouldFailNoRequest() throws Exception {
		require(Files.isExecutable(SOCKET_ACTIVATE), SOCKET_ACTIVATE + " (package systemd)");
		int activated = freePort();
		Path output = this.directory.resolve("restart.out");
		Path first = this.directory.resolve("first.pid");
		Path second = this.directory.resolve("second.pid");
		String jvm = String.join(" ", java(), "-jar", jar().toString(), "--daemon.enabled=true",
				"--daemon.mode=foreground", "--server.port=" + freePort());
		// The shell stands for systemd: it holds the socket (descriptor 3) while one JVM
		// stops and the next starts, each with the socket on its standard input
		String restart = "unset LISTEN_PID LISTEN_FDS LISTEN_FDNAMES; " + jvm + " --daemon.pid-file=" + first
				+ ".lock <&3 3<&- & echo $! > " + first + "; wait $!; " + jvm + " --daemon.pid-file=" + second
				+ ".lock <&3 3<&- & echo $! > " + second + "; wait $!";
		start(output, SOCKET_ACTIVATE.toString(), "--listen=127.0.0.1:" + activated, "sh", "-c", restart);
		assertThat(get(activated).statusCode()).as(() -> read(output)).isEqualTo(200);
		long firstPid = Long.parseLong(Files.readString(first).trim());
		assertThat(ProcSockets.of(firstPid).listeningPort(0)).isEqualTo(activated);

		// Closed-loop clients, a new connection per request, through the stop of the
		// first JVM and the start of the second
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger answered = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Thread client = new Thread(() -> {
				while (!stop.get()) {
					String status = request(activated);
					if (status.startsWith("HTTP/1.1 200")) {
						answered.incrementAndGet();
					}
					else {
						failures.add(status);
					}
				}
			}, "client-" + i);
			client.start();
			clients.add(client);
		}
		try {
			assertThat(await(() -> answered.get() >= 20, TIMEOUT)).as(() -> read(output)).isTrue();
			Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(firstPid)).inheritIO().start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(await(() -> ProcessHandle.of(firstPid).isEmpty(), TIMEOUT)).as(() -> read(output)).isTrue();
			int before = answered.get();
			// Answered by the second JVM only: the first is gone
			assertThat(await(() -> answered.get() >= before + 20, TIMEOUT)).as(() -> read(output)).isTrue();
		}
		finally {
			stop.set(true);
			for (Thread client : clients) {
				client.join(TIMEOUT.toMillis());
			}
		}
		assertThat(Files.readString(second).trim()).isNotEqualTo(Long.toString(firstPid));
		assertThat(failures).as("failed requests of %s answered", answered.get()).isEmpty();
	}

	/**
	 * One request on a new connection, as {@code curl} makes it.
	 * @return the status line, or what went wrong
	 */
	private static String request(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.getOutputStream()
				.write("GET /greeting HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			return response.isEmpty() ? "no response (connection closed)" : response.lines().findFirst().orElse("");
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private Process start(Path output, String... command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
		// Whatever runs the tests (systemd, a container) must not decide the mode
		builder.environment()
			.keySet()
			.removeAll(List.of("INVOCATION_ID", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_PID",
					"LISTEN_FDS", "LISTEN_FDNAMES", "DAEMON_ENABLED", "DAEMON_MODE"));
		Process process = builder.start();
		this.started.add(process.toHandle());
		return process;
	}

	private static HttpResponse<String> get(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greeting"))
			.timeout(TIMEOUT)
			.build();
		try {
			return HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(10))
				.build()
				.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Skips without a precondition, except on CI ({@code CI=true}), as the sample's ITs.
	 */
	private static void require(boolean condition, String precondition) {
		if (!condition && "true".equals(System.getenv("CI"))) {
			fail("This test needs " + precondition + ", and CI=true does not let it skip");
		}
		assumeThat(condition).as("needs " + precondition).isTrue();
	}

	private static Path jar() {
		String jar = System.getProperty("sample.jetty.jar");
		if (jar == null) {
			throw new IllegalStateException("System property sample.jetty.jar is not set: run the ITs with mvn verify");
		}
		return Path.of(jar);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String commandLine(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
