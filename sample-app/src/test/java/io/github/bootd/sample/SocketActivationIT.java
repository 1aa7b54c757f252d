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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket activation by the sd_listen_fds(3) protocol, as systemd does it, with systemd's
 * own {@code systemd-socket-activate}: it binds the sockets, waits for the first
 * connection, then execs the packaged sample with the sockets on descriptors 3 and up,
 * {@code LISTEN_FDS} and {@code LISTEN_PID} (its own pid, which the JVM keeps). The first
 * request, made before any JVM runs, is answered; {@code server.port}, held by the test,
 * is never bound; children never see the variables. Under a real systemd:
 * {@code SystemdSocketUnitIT}.
 *
 * @author bootd authors
 */
class SocketActivationIT {

	private static final String FOREGROUND = "--daemon.mode=foreground";

	private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	private final Path output = this.directory.resolve("activated.out");

	@Test
	void runWhenSystemdPassesOneSocketShouldAnswerTheFirstRequestOnItAndNotBindServerPort() throws Exception {
		int activated = SampleDaemon.freePort();
		try (ServerSocket serverPort = takeServerPort()) {
			Process service = activate(List.of(activated), this.sample.command(List.of(), FOREGROUND));
			// Made while no JVM runs: it starts the service and waits in the backlog
			HttpResponse<String> first = InheritedSocketIT.get(activated, "/greeting", SampleJarProcesses.TIMEOUT);
			assertThat(first.statusCode()).as(this::output).isEqualTo(200);
			ProcSockets sockets = ProcSockets.of(service.pid());
			assertThat(sockets.listeningPort(0)).as("the socket moved to descriptor 0").isEqualTo(activated);
			assertThat(sockets.listensOn(this.sample.port())).as("the JVM listens on server.port").isFalse();
			assertThat(output())
				.contains("Socket activation: systemd passed 1 socket (LISTEN_FDS=1); the first, descriptor 3")
				.contains("Serving HTTP on the inherited listening socket 127.0.0.1:" + activated)
				.doesNotContain("is not a listening TCP socket")
				.doesNotContain("closed the others");
		}
	}

	@Test
	void runWhenSystemdPassesTwoSocketsShouldServeTheFirstAndCloseTheOther() throws Exception {
		int first = SampleDaemon.freePort();
		int second = SampleDaemon.freePort();
		try (ServerSocket serverPort = takeServerPort()) {
			Process service = activate(List.of(first, second), this.sample.command(List.of(), FOREGROUND));
			assertThat(InheritedSocketIT.get(first, "/greeting", SampleJarProcesses.TIMEOUT).statusCode())
				.as(this::output)
				.isEqualTo(200);
			ProcSockets sockets = ProcSockets.of(service.pid());
			assertThat(sockets.listeningPort(0)).isEqualTo(first);
			// systemd-socket-activate exec'd the JVM: nothing else held the second socket
			assertThat(sockets.listening()).as("listening sockets of the namespace").doesNotContainValue(second);
			assertThat(output()).contains("systemd passed 2 sockets, and a web server serves one")
				.contains("closed the others: descriptor 4 (socket:[");
		}
	}

	@Test
	void startWhenSocketActivatedShouldHandTheSocketToTheDaemonChildWithoutListenVariables() throws Exception {
		int activated = SampleDaemon.freePort();
		try (ServerSocket serverPort = takeServerPort()) {
			// daemon.mode=auto detaches: the launcher adopts the socket, its child serves
			Process launcher = activate(List.of(activated), this.sample.command(List.of()));
			HttpResponse<String> first = InheritedSocketIT.get(activated, "/greeting", SampleJarProcesses.TIMEOUT);
			assertThat(first.statusCode()).as(this::output).isEqualTo(200);
			assertThat(launcher.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(launcher.exitValue()).as(this::output).isZero();
			long daemon = this.sample.pid();
			assertThat(daemon).isNotEqualTo(launcher.pid());
			ProcSockets sockets = ProcSockets.of(daemon);
			assertThat(sockets.listeningPort(0)).as("the daemon's descriptor 0").isEqualTo(activated);
			assertThat(sockets.listensOn(this.sample.port())).isFalse();
			String environ = Files.readString(Path.of("/proc", Long.toString(daemon), "environ"),
					StandardCharsets.ISO_8859_1);
			assertThat(environ).as("the daemon's environment").doesNotContain("LISTEN_");
			assertThat(InheritedSocketIT.get(activated, "/greeting").statusCode()).isEqualTo(200);
		}
	}

	/** server.port, taken by the test: a service that bound it would fail to start. */
	private ServerSocket takeServerPort() throws IOException {
		return new ServerSocket(this.sample.port(), 1, InetAddress.getLoopbackAddress());
	}

	private Process activate(List<Integer> ports, List<String> command) throws IOException {
		SampleDaemon.require(Files.isExecutable(SOCKET_ACTIVATE), SOCKET_ACTIVATE + " (package systemd)");
		List<String> activate = new ArrayList<>(List.of(SOCKET_ACTIVATE.toString()));
		for (int port : ports) {
			activate.add("--listen=127.0.0.1:" + port);
		}
		activate.addAll(command);
		Process process = this.processes.start(this.directory, Map.of(), activate, this.output);
		// The first request must find the sockets bound, before the JVM exists
		ProcSockets sockets = ProcSockets.of(process.pid());
		assertThat(SampleDaemon.await(() -> !process.isAlive() || sockets.listeningPort(2 + ports.size()) > 0,
				SampleJarProcesses.TIMEOUT))
			.as(this::output)
			.isTrue();
		assertThat(ProcFacts.commandLine(process.pid())).as("no JVM yet").startsWith(SOCKET_ACTIVATE.toString());
		return process;
	}

	private String output() {
		return SampleJarProcesses.read(this.output) + SampleJarProcesses.read(this.sample.outputFile());
	}

}
