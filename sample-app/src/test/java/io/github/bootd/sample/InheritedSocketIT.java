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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose standard input is a listening TCP socket (what systemd's
 * {@code StandardInput=socket}, bootd's socket activation and an upgrade give it) serves
 * HTTP on that socket and never binds {@code server.port}: the packaged sample, started
 * with the socket on its descriptor 0 by a few lines of Python that bind it and
 * {@code exec} the JVM in the same process. What {@code /proc} says about the JVM's
 * sockets, not what bootd says.
 *
 * @author bootd authors
 */
class InheritedSocketIT {

	private static final String FOREGROUND = "--daemon.mode=foreground";

	/**
	 * Bind a listening socket on loopback ({@code argv[1]}: the port), put it on
	 * descriptor 0 and {@code exec} the rest of the arguments: the JVM is the same
	 * process, its standard input that socket.
	 */
	private static final String WITH_LISTENING_STDIN = """
			import os, socket, sys
			s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
			s.bind(("127.0.0.1", int(sys.argv[1])))
			s.listen(64)
			os.dup2(s.fileno(), 0)
			os.execv(sys.argv[2], sys.argv[2:])
			""";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	private final Path output = this.directory.resolve("foreground.out");

	@Test
	void runWhenStandardInputIsAListeningSocketShouldServeOnItAndNotBindServerPort() throws Exception {
		int inherited = SampleDaemon.freePort();
		// server.port is held by the test: a service that bound it would fail to start
		try (ServerSocket serverPort = new ServerSocket(this.sample.port(), 1, InetAddress.getLoopbackAddress())) {
			Process service = start(inherited, this.sample.command(List.of(), FOREGROUND));
			assertThat(awaitGreeting(service, inherited))
				.as("answered on the inherited socket's port %d; output: %s", inherited, output())
				.isTrue();
			ProcSockets sockets = ProcSockets.of(service.pid());
			assertThat(sockets.listeningPort(0)).as("descriptor 0 of the JVM, pid %d", service.pid())
				.isEqualTo(inherited);
			assertThat(sockets.listensOn(this.sample.port())).as("the JVM listens on server.port").isFalse();
			assertThat(output()).contains("Serving HTTP on the inherited listening socket 127.0.0.1:" + inherited)
				.contains("Tomcat started on port " + inherited);
			assertThat(service.isAlive()).isTrue();
		}
	}

	private Process start(int port, List<String> command) throws IOException {
		SampleDaemon.require(hasPython3(), "python3");
		List<String> wrapped = new ArrayList<>(List.of("python3", "-c", WITH_LISTENING_STDIN, Integer.toString(port)));
		wrapped.addAll(command);
		return this.processes.start(this.directory, Map.of(), wrapped, this.output);
	}

	private static boolean hasPython3() {
		try {
			Process version = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Wait for an answer on a port, or for the service to exit, which answers none. */
	private static boolean awaitGreeting(Process service, int port) {
		SampleDaemon.await(() -> {
			try {
				return get(port, "/greeting").statusCode() == 200;
			}
			catch (RuntimeException ex) {
				return !service.isAlive();
			}
		}, SampleJarProcesses.TIMEOUT);
		return service.isAlive() && get(port, "/greeting").statusCode() == 200;
	}

	private String output() {
		return SampleJarProcesses.read(this.output);
	}

	static HttpResponse<String> get(int port, String path) {
		return get(port, path, Duration.ofSeconds(10));
	}

	/**
	 * GET a path on a loopback port.
	 * @param port the port
	 * @param path the path
	 * @param timeout the bound on the answer, from the moment the connection is made
	 * @return the response
	 */
	static HttpResponse<String> get(int port, String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(timeout)
			.build();
		try {
			return HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(5))
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

}
