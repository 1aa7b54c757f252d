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
package io.github.bootd.minimal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three steps the quick start promises, on the packaged minimal application: a web
 * application with the starter and {@code daemon.enabled=true}, nothing else. Run as a
 * user runs it, {@code java -jar minimal.jar}, and checked against {@code /proc}.
 *
 * @author bootd authors
 */
class QuickStartIT {

	/** Bound on the launching command, generous for a loaded 2-core machine. */
	private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);

	private static final Pattern STARTED = Pattern.compile("^Started minimal as a daemon: pid (\\d+),",
			Pattern.MULTILINE);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path directory;

	private final int port = freePort();

	private final Set<Long> started = new LinkedHashSet<>();

	@AfterEach
	void stopDaemons() throws IOException {
		readPid().ifPresent(this.started::add);
		for (long pid : this.started) {
			// A remembered pid may have been reused since: stop only our jar
			if (isAlive(pid) && commandLine(pid).contains(jar().toString())) {
				ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
				if (!await(() -> !isAlive(pid), Duration.ofSeconds(30))) {
					ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
					await(() -> !isAlive(pid), Duration.ofSeconds(10));
				}
			}
		}
	}

	@Test
	void javaJarWhenOnlyDaemonIsEnabledShouldDetachAndAnswerTheSummary() throws Exception {
		// Step 2 is in the jar's application.properties: daemon.enabled=true. The test
		// adds a port of its own, so that it cannot collide with another build, and a
		// longer readiness bound than the 60 s default: the machine running it may be
		// loaded
		Path stdout = this.directory.resolve("launcher.stdout");
		Path stderr = this.directory.resolve("launcher.stderr");
		Process launcher = new ProcessBuilder(java(), "-jar", jar().toString(), "--server.port=" + this.port,
				"--daemon.startup-timeout=110s")
			.directory(this.directory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		boolean returned = launcher.waitFor(LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		String output = Files.readString(stdout) + Files.readString(stderr);
		Matcher matcher = STARTED.matcher(output);
		long pid = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
		if (pid > 0) {
			this.started.add(pid);
		}
		readPid().ifPresent(this.started::add);
		if (!returned) {
			launcher.destroyForcibly();
		}
		assertThat(returned).as("java -jar returned within %s", LAUNCH_TIMEOUT).isTrue();
		assertThat(launcher.exitValue()).as(output).isZero();
		assertThat(pid).as(output).isPositive().isNotEqualTo(launcher.pid());
		assertThat(readPid()).as("the default pid file %s", pidFile()).contains(pid);

		// Returned once ready: the first request, with no retry, is served by a ready
		// daemon
		HttpResponse<String> response = get("/actuator/daemon");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode summary = json.readTree(response.body());
		assertThat(summary.path("state").asString()).as(response.body()).isEqualTo("ready");

		// Detached, as the kernel says: its own session and group, no terminal, and not a
		// child of the command that returned
		assertThat(launcher.isAlive()).isFalse();
		List<String> stat = stat(pid);
		assertThat(stat.get(0)).as("state").isNotEqualTo("Z");
		assertThat(Long.parseLong(stat.get(1))).as("ppid").isNotEqualTo(launcher.pid());
		assertThat(Long.parseLong(stat.get(2))).as("pgid").isEqualTo(pid);
		assertThat(Long.parseLong(stat.get(3))).as("sid").isEqualTo(pid);
		assertThat(Long.parseLong(stat.get(4))).as("tty_nr").isZero();
		assertThat(commandLine(pid)).contains(jar().toString());

		// The summary and nothing more: no path, user or process tree by default
		assertThat(fieldNames(summary)).containsExactly("daemon", "mode", "state", "pid", "uptime");
		assertThat(summary.get("daemon").asBoolean()).isTrue();
		assertThat(summary.get("mode").asString()).isEqualTo("detached");
		assertThat(summary.get("pid").asLong()).isEqualTo(pid);
		assertThat(Duration.parse(summary.get("uptime").asString())).isPositive();
		assertThat(response.body()).doesNotContain(jar().getParent().toString())
			.doesNotContain(this.directory.toString())
			.doesNotContain("\"process\"")
			.doesNotContain("\"pidFile\"");

		// Writes stay closed until access is granted: not mapped, documented as 404
		HttpResponse<String> reload = post("/actuator/daemon/reload");
		assertThat(reload.statusCode()).as(reload.body()).isEqualTo(404);
		assertThat(post("/actuator/daemon/reopen-logs").statusCode()).isEqualTo(404);
		assertThat(json.readTree(get("/actuator/daemon").body()).has("lastReload")).as("a reload ran").isFalse();
	}

	private static Path jar() {
		String jar = System.getProperty("minimal.jar");
		if (jar == null) {
			throw new IllegalStateException("System property minimal.jar is not set: run the ITs with mvn verify");
		}
		return Path.of(jar);
	}

	/** Where bootd puts the pid file by default: beside the jar, named after it. */
	private static Path pidFile() {
		return jar().resolveSibling("minimal.pid");
	}

	private static Optional<Long> readPid() {
		try {
			return Optional.of(Long.parseLong(Files.readString(pidFile()).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** A bare POST, as {@code curl -X POST} sends it. */
	private HttpResponse<String> post(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * The fields of {@code /proc/<pid>/stat} after the command name, which is in
	 * parentheses and may itself contain spaces (proc(5)): state, ppid, pgrp, session,
	 * tty_nr, ...
	 */
	private static List<String> stat(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
	}

	private static boolean isAlive(long pid) {
		try {
			return !stat(pid).get(0).equals("Z");
		}
		catch (IOException ex) {
			return false;
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

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
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
