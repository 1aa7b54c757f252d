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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipes of {@code docs/recipes} run with the real tools against the packaged
 * sample: the LSB init script, Debian's {@code start-stop-daemon}, {@code logrotate -f}
 * while the daemon logs, and {@code systemd-analyze verify} on the units (the notify
 * messages the units rely on are {@link SystemdNotifyIT}'s).
 *
 * @author bootd authors
 */
class RecipesIT {

	private static final Pattern GREETING = Pattern.compile("Greeting (\\d+)$", Pattern.MULTILINE);

	private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path home = this.daemons.directory();

	private final SampleDaemon daemon = this.daemons.sample();

	@BeforeEach
	void configure() throws IOException {
		Files.createDirectories(logs());
		writeConfig("first");
	}

	/**
	 * Remember every daemon a recipe started, for the extension to stop on every path:
	 * the pids were remembered as each action returned, before any assertion, and the
	 * recipes' pid file is ours, not the {@code sample.pid} that
	 * {@link SampleDaemon#close()} reads.
	 */
	@AfterEach
	void rememberDaemons() {
		rememberStarted();
	}

	@Test
	void initScriptWhenRunShouldPassOnTheLsbExitCodes() throws Exception {
		Launch start = initScript("start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(start.stdout()).contains("Started sample as a daemon");
		long pid = readPid();
		assertThat(initScript("start").exitCode()).as("start when running").isZero();
		Launch status = initScript("status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).contains("sample is running: pid " + pid);
		assertThat(this.daemon.get("/greeting").body()).isEqualTo("first");
		// A reload that has something to do: the changed file is what the daemon then
		// serves
		writeConfig("second");
		Launch reload = initScript("reload");
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		assertThat(reload.stdout()).contains("reload #1 applied").contains("applied live: [sample.greeting.message]");
		assertThat(this.daemon.get("/greeting").body()).isEqualTo("second");
		writeConfig("third");
		Launch forceReload = initScript("force-reload");
		assertThat(forceReload.exitCode()).as(forceReload.output()).isZero();
		assertThat(forceReload.stdout()).contains("reload #2 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(this.daemon.get("/greeting").body()).isEqualTo("third");
		assertThat(readPid()).as("a reload keeps the process").isEqualTo(pid);
		Launch usage = initScript("bogus");
		assertThat(usage.exitCode()).isEqualTo(2);
		assertThat(usage.stderr()).contains("Usage:");
		Launch stop = initScript("stop");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(ProcFacts.isAlive(pid)).isFalse();
		assertThat(initScript("status").exitCode()).isEqualTo(3);
		assertThat(initScript("try-restart").exitCode()).as("try-restart when stopped").isZero();
		assertThat(pidFile()).doesNotExist();
		assertThat(initScript("stop").exitCode()).as("stop when stopped").isZero();
	}

	@Test
	void startStopDaemonWhenGivenOurPidFileShouldReportAndStop() throws Exception {
		assertThat(startStopDaemon("--status").exitCode()).as("not running").isEqualTo(3);
		assertThat(initScript("start").exitCode()).isZero();
		long pid = readPid();
		assertThat(startStopDaemon("--status").exitCode()).as("running").isZero();
		Launch stop = startStopDaemon("--stop", "--retry", "TERM/60/KILL/5");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(ProcFacts.isAlive(pid)).isFalse();
		assertThat(pidFile()).as("removed by the daemon on SIGTERM").doesNotExist();
		assertThat(startStopDaemon("--status").exitCode()).isEqualTo(3);

		assertThat(initScript("start").exitCode()).isZero();
		long second = readPid();
		SampleDaemon.kill("KILL", second);
		// start-stop-daemon asks kill(pid, 0), which a zombie passes: wait for the
		// reaping (PID 1 on these machines reaps orphans by polling, a second or two)
		assertThat(SampleDaemon.await(() -> !Files.exists(Path.of("/proc", Long.toString(second))),
				Duration.ofSeconds(30)))
			.isTrue();
		assertThat(startStopDaemon("--status").exitCode()).as("dead, pid file left").isEqualTo(1);
		assertThat(initScript("status").exitCode()).as("the jar agrees").isEqualTo(1);
	}

	@Test
	void logrotateWhenForcedWhileDaemonLogsShouldLoseNoLine() throws Exception {
		assertThat(initScript("start").exitCode()).isZero();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong served = new AtomicLong();
		Thread load = new Thread(() -> {
			while (running.get()) {
				if (this.daemon.get("/greeting").statusCode() == 200) {
					served.incrementAndGet();
				}
			}
		});
		load.start();
		try {
			assertThat(SampleDaemon.await(() -> served.get() > 200, TOOL_TIMEOUT)).isTrue();
			Path config = logrotateConfig();
			Launch rotate = run(List.of("logrotate", "-f", "-s", this.home.resolve("logrotate.state").toString(),
					config.toString()), Map.of());
			assertThat(rotate.exitCode()).as(rotate.output()).isZero();
			assertThat(logs().resolve("myservice.log.1")).exists();
			assertThat(logs().resolve("console.log.1")).exists();
			SignalledDaemon.await(() -> SignalledDaemon.read(logs().resolve("myservice.log")),
					(log) -> log.contains("Reopened log files"), "the reopen in the fresh myservice.log");
			long atReopen = served.get();
			assertThat(SampleDaemon.await(() -> served.get() > atReopen + 200, TOOL_TIMEOUT)).isTrue();
		}
		finally {
			running.set(false);
			load.join(TimeUnit.SECONDS.toMillis(30));
		}
		assertThat(initScript("stop").exitCode()).isZero();
		Map<Long, Integer> seen = new TreeMap<>();
		for (String name : List.of("myservice.log.1", "myservice.log")) {
			Matcher matcher = GREETING.matcher(Files.readString(logs().resolve(name), StandardCharsets.UTF_8));
			while (matcher.find()) {
				seen.merge(Long.parseLong(matcher.group(1)), 1, Integer::sum);
			}
		}
		assertThat(served.get()).isGreaterThan(400);
		assertThat(seen).as("every greeting logged exactly once across the rotation").hasSize((int) served.get());
		assertThat(seen.values()).containsOnly(1);
		assertThat(seen.keySet()).first().isEqualTo(1L);
		assertThat(((TreeMap<Long, Integer>) seen).lastKey()).isEqualTo(served.get());
	}

	@Test
	void systemdUnitsShouldPassSystemdAnalyzeVerify() throws Exception {
		for (String unit : List.of("myservice.service", "myservice-notify-252.service", "myservice-forking.service")) {
			Path copy = this.home.resolve(unit);
			Files.copy(recipes().resolve(unit), copy);
			Launch verify = run(List.of("systemd-analyze", "verify", copy.toString()), Map.of());
			assertThat(verify.exitCode()).as(unit + ": " + verify.output()).isZero();
			List<String> complaints = verify.output()
				.lines()
				// systemd 252 (Debian 12) predates Type=notify-reload (253): the 252 unit
				// is for it
				.filter((line) -> !line.contains("Failed to parse service type, ignoring: notify-reload"))
				.toList();
			assertThat(complaints).as(unit).isEmpty();
		}
		// The socket pair, the service under the socket's name as its recipe says: a
		// socket unit starts the service of its own name
		Path pair = Files.createDirectories(this.home.resolve("socket-pair"));
		Files.copy(recipes().resolve("myservice.socket"), pair.resolve("myservice.socket"));
		Files.copy(recipes().resolve("myservice-socket.service"), pair.resolve("myservice.service"));
		Launch verify = run(List.of("systemd-analyze", "verify", pair.resolve("myservice.socket").toString(),
				pair.resolve("myservice.service").toString()), Map.of());
		assertThat(verify.exitCode()).as(verify.output()).isZero();
		assertThat(verify.output().lines().toList()).as("myservice.socket with myservice-socket.service").isEmpty();
	}

	private Launch initScript(String action) {
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		environment.put("APP_HOME", this.home.toString());
		environment.put("APP_JAR", SampleDaemon.jar().toString());
		environment.put("APP_USER", System.getProperty("user.name"));
		Launch launch = run(List.of("sh", recipes().resolve("myservice.init").toString(), action), environment);
		// Before any assertion on what it did: a daemon it started is stopped on every
		// path
		this.daemon.remember(launch);
		rememberStarted();
		return launch;
	}

	private void rememberStarted() {
		try {
			this.daemon.remember(readPid());
		}
		catch (IOException | NumberFormatException ex) {
			// No pid file, or an empty one: no daemon, or one the launch output named
		}
	}

	private void writeConfig(String greeting) throws IOException {
		// As an operator would: everything in the configuration the actions read too
		Files.writeString(this.home.resolve("application.yml"),
				String.join("\n", "daemon:", "  enabled: true", "  pid-file: " + pidFile(),
						"  output-file: " + logs().resolve("console.log"), "server:", "  port: " + this.daemon.port(),
						"sample:", "  greeting:", "    message: " + greeting, "logging:", "  file:",
						"    name: " + logs().resolve("myservice.log"), "  level:", "    io.github.bootd.sample: debug",
						""));
	}

	private Launch startStopDaemon(String... args) {
		List<String> command = new ArrayList<>(List.of("start-stop-daemon"));
		command.addAll(List.of(args));
		command.addAll(List.of("--pidfile", pidFile().toString()));
		return run(command, Map.of());
	}

	/**
	 * The documented snippet with this test's paths and user in place of the examples.
	 */
	private Path logrotateConfig() throws IOException, InterruptedException {
		String group = run(List.of("id", "-gn"), Map.of()).stdout().trim();
		String snippet = Files.readString(recipes().resolve("myservice.logrotate"))
			.replace("runuser -u myservice -- ", "")
			.replace("/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString())
			.replace("/opt/myservice/myservice.jar", SampleDaemon.jar().toString())
			.replace("/opt/myservice", this.home.toString())
			.replace("/var/log/myservice", logs().toString())
			.replace("create 0640 myservice myservice", "create 0640 " + System.getProperty("user.name") + " " + group);
		Path config = this.home.resolve("logrotate.conf");
		Files.writeString(config, snippet);
		return config;
	}

	private Launch run(List<String> command, Map<String, String> environment) {
		try {
			Path stdout = Files.createTempFile(this.home, "tool", ".stdout");
			Path stderr = Files.createTempFile(this.home, "tool", ".stderr");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not return within " + TOOL_TIMEOUT);
			}
			return new Launch(process.pid(), process.exitValue(), Files.readString(stdout), Files.readString(stderr));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long readPid() throws IOException {
		return Long.parseLong(Files.readString(pidFile()).trim());
	}

	private Path pidFile() {
		return this.home.resolve("myservice.pid");
	}

	private Path logs() {
		return this.home.resolve("log");
	}

	private static Path recipes() {
		String directory = System.getProperty("recipes.dir");
		if (directory == null) {
			throw new IllegalStateException("System property recipes.dir is not set: run the ITs with mvn verify");
		}
		return Path.of(directory);
	}

}
