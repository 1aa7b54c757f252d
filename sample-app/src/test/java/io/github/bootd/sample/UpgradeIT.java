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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --daemon.action=upgrade} and {@code kill -USR2} on the packaged sample run as a
 * detached daemon: a successor started from the daemon's own launch command takes the
 * listening socket and the pid file over, and no request fails on the way; a successor
 * that fails leaves the running daemon serving; status says "upgrading" meanwhile, and a
 * stop stops both.
 *
 * @author bootd authors
 */
class UpgradeIT {

	private static final Pattern UPGRADED = Pattern.compile("Upgraded sample: pid (\\d+) handed over to pid (\\d+)");

	private static final Pattern UPGRADING = Pattern.compile("upgrading: pid (\\d+) -> pid (\\d+)");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void upgradeWhenTheSuccessorBecomesReadyShouldHandOverWithoutFailingARequest() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		writeConfiguration("sample.greeting.message=from the first build");
		Launch started = daemon.launch();
		assertThat(started.exitCode()).as(started.output()).isZero();
		long first = daemon.pid();
		String socket = ProcFacts.of(first)
			.fds()
			.values()
			.stream()
			.filter((fd) -> fd.startsWith("socket:"))
			.toList()
			.toString();
		// What a deploy changes between the two: here the configuration file
		writeConfiguration("sample.greeting.message=from the next build");
		Load load = Load.start(daemon.port(), 4);
		Launch upgraded;
		try {
			load.awaitRequests(20);
			upgraded = daemon.run(daemon.command(List.of(), "--daemon.action=upgrade"));
			load.awaitRequests(load.ok() + 20);
		}
		finally {
			load.stop();
		}
		Matcher matcher = UPGRADED.matcher(upgraded.stdout());
		assertThat(matcher.find()).as(upgraded.output()).isTrue();
		long second = Long.parseLong(matcher.group(2));
		daemon.remember(second);
		assertThat(upgraded.exitCode()).as(upgraded.output()).isZero();
		assertThat(Long.parseLong(matcher.group(1))).isEqualTo(first);
		assertThat(second).isNotEqualTo(first);
		assertThat(daemon.pid()).as("the pid file names the successor").isEqualTo(second);
		assertThat(ProcFacts.of(second).holdsWriteLock(daemon.pidFile())).as("the successor holds its lock").isTrue();
		assertThat(SampleDaemon.awaitExit(first, Duration.ofSeconds(60))).as("the first instance exits").isTrue();
		assertThat(load.failures())
			.as(() -> "requests that failed during the upgrade; the daemons' output:\n" + output(daemon))
			.isEmpty();
		assertThat(load.ok()).isGreaterThan(40);
		// The successor serves on the socket it was handed, on its descriptor 0
		String inherited = ProcFacts.of(second).fds().get(0);
		assertThat(inherited).startsWith("socket:");
		assertThat(socket).contains(inherited);
		assertThat(daemon.get("/greeting").body()).isEqualTo("from the next build");
		Launch status = daemon.run(daemon.command(List.of(), "--daemon.action=status"));
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).contains("sample is running: pid " + second);
		assertThat(daemon.get("/actuator/daemon").body()).contains("\"generation\":1", "\"upgraded\":1",
				"\"lastPredecessor\":" + first);
		assertThat(Files.exists(Path.of(daemon.pidFile() + ".next"))).isFalse();
		assertThat(Files.readString(daemon.outputFile())).contains("Upgraded: pid " + first);
	}

	@Test
	void usr2WhenTheSuccessorFailsShouldKeepTheRunningDaemonServing() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch started = daemon.launch();
		assertThat(started.exitCode()).as(started.output()).isZero();
		long first = daemon.pid();
		// The next build's configuration is wrong: its start fails once it has decided to
		// run as this daemon's successor (an invalid application property)
		writeConfiguration("sample.greeting.message=");
		Launch upgrade = daemon.run(daemon.command(List.of(), "--daemon.action=upgrade"));
		assertThat(upgrade.exitCode()).as(upgrade.output()).isEqualTo(1);
		assertThat(upgrade.stderr()).contains("was not upgraded and serves on").contains("sample.greeting");
		assertThat(daemon.pid()).isEqualTo(first);
		assertThat(ProcFacts.of(first).holdsWriteLock(daemon.pidFile())).as("the daemon still holds its pid file")
			.isTrue();
		assertThat(daemon.get("/greeting").statusCode()).isEqualTo(200);
		assertThat(Files.exists(Path.of(daemon.pidFile() + ".next"))).isFalse();
		// A plain kill -USR2 does the same, here with an invalid daemon.* value, and the
		// daemon logs the outcome
		writeConfiguration("daemon.umask=not-a-mask");
		SampleDaemon.kill("USR2", first);
		assertThat(SampleDaemon.await(
				() -> output(daemon).split("Upgrade failed, this instance serves on", -1).length - 1 == 2,
				Duration.ofSeconds(120)))
			.as(() -> output(daemon))
			.isTrue();
		assertThat(output(daemon)).contains("daemon.umask");
		assertThat(daemon.pid()).isEqualTo(first);
		assertThat(ProcFacts.of(first).holdsWriteLock(daemon.pidFile())).as("the daemon still holds its pid file")
			.isTrue();
		// A concurrent start still finds it running
		Launch again = daemon.launch();
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.stdout()).contains("is already running (pid " + first);
		assertThat(daemon.get("/actuator/daemon").body()).contains("\"failed\":2", "\"lastOutcome\":\"failed\"");
		assertThat(PrometheusScrapeIT.sample(daemon.get("/actuator/prometheus").body(),
				"daemon_upgrades_total{outcome=\"failed\"}"))
			.isEqualTo(2);
	}

	@Test
	void upgradeWhenManagementHasAPortOfItsOwnShouldReleaseItForTheSuccessorAndTakeItBackFromAFailedOne()
			throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		int management = SampleDaemon.freePort();
		writeConfiguration("management.server.port=" + management);
		Launch started = daemon.launch();
		assertThat(started.exitCode()).as(started.output()).isZero();
		long first = daemon.pid();
		assertThat(ProcSockets.of(first).listensOn(management)).isTrue();
		// A successor that fails to start: the daemon binds the management port again
		writeConfiguration("management.server.port=" + management + "\nsample.greeting.message=");
		Launch failed = daemon.run(daemon.command(List.of(), "--daemon.action=upgrade"));
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
		assertThat(failed.stderr()).contains("was not upgraded and serves on").contains("sample.greeting");
		assertThat(output(daemon)).contains("its server on port(s) [" + management + "] stopped for the successor",
				"Serving again on port(s) [" + management + "]");
		assertThat(ProcSockets.of(first).listensOn(management)).as("the daemon took its management port back").isTrue();
		assertThat(daemon.get(management, "/actuator/daemon").body()).contains("\"pid\":" + first,
				"\"lastOutcome\":\"failed\"");
		// A successor that starts binds the port itself, and serves the endpoints on it
		writeConfiguration("management.server.port=" + management);
		Launch upgraded = daemon.run(daemon.command(List.of(), "--daemon.action=upgrade"));
		Matcher matcher = UPGRADED.matcher(upgraded.stdout());
		assertThat(matcher.find()).as(upgraded.output()).isTrue();
		long second = Long.parseLong(matcher.group(2));
		daemon.remember(second);
		assertThat(upgraded.exitCode()).as(upgraded.output()).isZero();
		assertThat(ProcSockets.of(second).listensOn(management)).isTrue();
		assertThat(SampleDaemon.awaitExit(first, Duration.ofSeconds(60))).as("the first instance exits").isTrue();
		// The successor counts the upgrade once it holds the pid file, a moment after the
		// action saw it take over
		String[] endpoint = { "" };
		assertThat(SampleDaemon.await(() -> (endpoint[0] = daemon.get(management, "/actuator/daemon").body())
			.contains("\"lastPredecessor\":" + first), Duration.ofSeconds(30))).as(() -> endpoint[0]).isTrue();
		assertThat(endpoint[0]).contains("\"pid\":" + second);
		assertThat(daemon.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void statusWhenAnUpgradeIsInProgressShouldSayUpgradingAndStopShouldStopBoth() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch started = daemon.launch();
		assertThat(started.exitCode()).as(started.output()).isZero();
		long first = daemon.pid();
		// The next build takes its time to become ready
		writeConfiguration("sample.slow-start=10m");
		Process upgrade = new ProcessBuilder(daemon.command(List.of(), "--daemon.action=upgrade"))
			.directory(this.directory.toFile())
			.redirectOutput(this.directory.resolve("upgrade.out").toFile())
			.redirectErrorStream(true)
			.start();
		try {
			long[] successor = new long[1];
			assertThat(SampleDaemon.await(() -> {
				Launch status = daemon.run(daemon.command(List.of(), "--daemon.action=status"));
				Matcher matcher = UPGRADING.matcher(status.stdout());
				if (status.exitCode() == 0 && matcher.find()) {
					successor[0] = Long.parseLong(matcher.group(2));
					return Long.parseLong(matcher.group(1)) == first;
				}
				return false;
			}, Duration.ofSeconds(120))).as("status says upgrading").isTrue();
			daemon.remember(successor[0]);
			assertThat(ProcFacts.isAlive(successor[0])).isTrue();
			assertThat(daemon.pid()).as("the pid file still names the serving instance").isEqualTo(first);
			// A concurrent start finds it running and starts no third instance
			Launch again = daemon.launch();
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertThat(again.stdout()).contains("is already running (pid " + first);
			Launch stop = daemon.run(daemon.command(List.of(), "--daemon.action=stop"));
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			assertThat(SampleDaemon.awaitExit(successor[0], Duration.ofSeconds(60))).as("the successor stopped too")
				.isTrue();
			assertThat(ProcFacts.isAlive(first)).isFalse();
			assertThat(upgrade.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(upgrade.exitValue()).as(Files.readString(this.directory.resolve("upgrade.out"))).isEqualTo(1);
			assertThat(Files.exists(daemon.pidFile())).isFalse();
		}
		finally {
			upgrade.destroyForcibly();
		}
	}

	private void writeConfiguration(String line) throws IOException {
		Files.writeString(this.directory.resolve("application.properties"), line + "\n");
	}

	private static String output(SampleDaemon daemon) {
		try {
			return Files.readString(daemon.outputFile());
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Closed-loop clients on loopback, a new connection per request, bounded in time.
	 */
	static final class Load {

		private static final Duration BOUND = Duration.ofMinutes(5);

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong ok = new AtomicLong();

		private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final List<Thread> threads = new ArrayList<>();

		static Load start(int port, int clients) {
			Load load = new Load();
			long deadline = System.nanoTime() + BOUND.toNanos();
			for (int i = 0; i < clients; i++) {
				Thread thread = new Thread(() -> {
					while (load.running.get() && System.nanoTime() < deadline) {
						load.request(port);
					}
				}, "load-" + i);
				thread.setDaemon(true);
				thread.start();
				load.threads.add(thread);
			}
			return load;
		}

		private void request(int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
				socket.setSoTimeout(60_000);
				OutputStream out = socket.getOutputStream();
				out.write(("GET /greeting HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
				if (response.startsWith("HTTP/1.1 200")) {
					this.ok.incrementAndGet();
				}
				else {
					this.failures.add("status: " + response.lines().findFirst().orElse("(empty response)"));
				}
			}
			catch (IOException ex) {
				this.failures.add(ex.toString());
			}
		}

		void awaitRequests(long count) {
			SampleDaemon.await(() -> this.ok.get() >= count || !this.failures.isEmpty(), Duration.ofSeconds(60));
		}

		long ok() {
			return this.ok.get();
		}

		List<String> failures() {
			return List.copyOf(this.failures);
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(70_000);
			}
		}

	}

}
