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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -HUP} on the packaged sample running as a detached daemon, with its
 * configuration in the launch directory (the daemon's working directory is {@code /}).
 *
 * @author bootd authors
 */
class ReloadIT {

	private static final Pattern RELOAD_LINE = Pattern.compile("Reload (\\d+) (applied|failed)[^\\n]*");

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Far longer than a 10,000-HUP storm takes, even on a loaded machine. */
	private static final Duration SLOW_RELOAD = Duration.ofSeconds(10);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	int port;

	@BeforeEach
	void choosePort() throws IOException {
		this.port = SignalledDaemon.freePort();
	}

	@Test
	void reloadWhenPropertyChangedShouldServeNewValueAndApplyItLive() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		writeConfig("second", this.port, null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]")
			.doesNotContain("needs a restart");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
	}

	@Test
	void reloadWhenServerPortChangedShouldListItAsNeedingRestart() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		writeConfig("first", SignalledDaemon.freePort(), null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("nothing applied live; needs a restart: [server.port]");
		// Honest about it: the server still listens where it did
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
	}

	@Test
	void reloadWhenYamlMalformedShouldKeepOldConfigurationAndNameTheFile() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		Files.writeString(config(), "sample:\n  greeting:\n    message: second\n   broken: [\n");
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 failed")
			.contains("keeping the running configuration")
			.contains(config().toRealPath().toString());
		assertThat(daemon.isAlive()).isTrue();
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		writeConfig("third", this.port, null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("third");
	}

	@Test
	void reloadWhenServerPortChangedAwayAndBackShouldSayNoChangeAsTheControlActionDoes() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		SampleDaemon control = this.daemons.sample();
		// Nothing changed: the control action prints the words the log has
		Launch reload = control.launch("--daemon.action=reload");
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		assertThat(reload.stdout()).containsPattern("reload #1 applied in \\d+ ms: no change$");
		assertThat(reloadLine(daemon, 1)).containsPattern("Reload 1 applied in \\d+ ms: no change$");
		writeConfig("first", SignalledDaemon.freePort(), null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 2))
			.containsPattern("Reload 2 applied in \\d+ ms: nothing applied live; needs a restart: \\[server.port\\]$");
		// Back to the port it listens on: compared with what runs, nothing to restart for
		writeConfig("first", this.port, null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 3)).containsPattern("Reload 3 applied in \\d+ ms: no change$")
			.doesNotContain("needs a restart");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
	}

	@Test
	void reloadWhenApplicationYmlDeletedShouldFailNameTheFileAndKeepServingItsValues() throws Exception {
		writeConfig("first", this.port, null);
		Path config = config().toRealPath();
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		run("rm", config.toString());
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 failed")
			.contains("keeping the running configuration")
			.contains("the configuration file " + config + ", part of the running configuration, no longer exists")
			.contains("restart the service to run without it");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		JsonNode last = lastReload(daemon);
		assertThat(last.get("outcome").asString()).isEqualTo("failed");
		assertThat(last.get("error").asString()).contains(config.toString());
		// Put back, it reloads as before
		writeConfig("second", this.port, null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied").contains("[sample.greeting.message]");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
	}

	@Test
	void reloadWhenLaunchDirectoryDeletedShouldFailNameItAndKeepServingItsValues() throws Exception {
		Path launch = Files.createDirectory(this.directory.resolve("launch")).toRealPath();
		// The log outside the directory that goes: it is where the test reads the outcome
		Path log = Files.createDirectory(this.directory.resolve("logs")).toRealPath().resolve("app.log");
		writeConfig(launch.resolve("application.yml"), "first", this.port, null, log.toString());
		SignalledDaemon daemon = this.daemons.startSignalled(launch, List.of());
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		run("rm", "-r", launch.toString());
		daemon.kill("HUP");
		assertThat(reloadLine(log, 1)).contains("Reload 1 failed")
			.contains("the launch directory " + launch + " is gone, and with it the configuration file "
					+ launch.resolve("application.yml"))
			.contains("restart the service to run without it");
		assertThat(daemon.isAlive()).isTrue();
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		assertThat(lastReload(daemon).get("outcome").asString()).isEqualTo("failed");
	}

	@Test
	void reloadWhenLoggingLevelInvalidShouldRejectTheWholeReload() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		writeConfig("second", this.port, "LOUD");
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 failed")
			.contains("application.yml")
			.contains("logging.level.io.github.bootd.sample='LOUD'");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
	}

	@Test
	void reloadWhenLoggingLevelChangedShouldApplyIt() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		daemon.get(this.port, "/greeting");
		writeConfig("first", this.port, "DEBUG");
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("applied live: [logging.level.io.github.bootd.sample]");
		daemon.get(this.port, "/greeting");
		String log = daemon.awaitLog("app.log", "Greeting 2");
		assertThat(log).as("the request before the reload logged at INFO level").doesNotContain("Greeting 1");
	}

	@Test
	void reloadWhenStartedUnderNohupShouldReloadOnHup() throws Exception {
		writeConfig("first", this.port, null);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of("nohup"));
		writeConfig("second", this.port, null);
		daemon.kill("HUP");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
		assertThat(daemon.isAlive()).isTrue();
	}

	@Test
	void reloadWhenStormOfHupsDuringReloadShouldRunExactlyOneMoreAndEndOnTheFinalConfiguration() throws Exception {
		writeConfig("first", this.port, null);
		// Every reload waits this long before it reads the files: the storm falls inside
		// reload 1 on any machine, and the next reload reads files written after reload 1
		SignalledDaemon daemon = this.daemons.startSignalled(List.of(),
				"--sample.slow-reload=" + SLOW_RELOAD.toSeconds() + "s");
		writeConfig("second", this.port, null);
		daemon.kill("HUP");
		daemon.awaitLog("sample.out", "Slow reload 1: waiting");
		storm(daemon, 10_000);
		assertThat(SignalledDaemon.read(daemon.file("app.log")))
			.as("the storm ended while reload 1 was still in progress (else this test proves nothing)")
			.doesNotContain("Reload 1 ");
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied").contains("[sample.greeting.message]");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
		// Reload 2, the one the storm asked for, now waits before reading the files
		writeConfig("final", this.port, null);
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get(this.port, "/greeting")).isEqualTo("final");
		// The worker does one request at a time, reload before reopen: once the reopen a
		// USR1 asks for is logged, a third reload, had one been pending, has begun
		daemon.kill("USR1");
		SignalledDaemon.await(() -> SignalledDaemon.read(daemon.file("app.log")),
				(log) -> count(log, "Reopened log files") >= 3, "the reopen of reload 1, of reload 2 and of the USR1");
		List<String> reloads = RELOAD_LINE.matcher(SignalledDaemon.read(daemon.file("app.log")))
			.results()
			.map(MatchResult::group)
			.toList();
		assertThat(reloads).as("the reload in progress and exactly one more for 10,000 HUPs")
			.hasSize(2)
			.allMatch((line) -> line.contains("applied"));
		assertThat(SignalledDaemon.read(daemon.file("sample.out"))).doesNotContain("Slow reload 3");
		assertThat(daemon.isAlive()).isTrue();
	}

	/**
	 * 10,000 HUPs in well under a second: the shell's builtin kill, not a process each.
	 */
	private static void storm(SignalledDaemon daemon, int count) throws IOException, InterruptedException {
		Process storm = new ProcessBuilder("bash", "-c", "for ((i = 0; i < $1; i++)); do kill -HUP $2 || exit 1; done",
				"storm", Integer.toString(count), Long.toString(daemon.pid()))
			.inheritIO()
			.start();
		assertThat(storm.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(storm.exitValue()).isZero();
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private static String reloadLine(SignalledDaemon daemon, int generation) throws InterruptedException {
		return reloadLine(daemon.file("app.log"), generation);
	}

	private static String reloadLine(Path file, int generation) throws InterruptedException {
		String log = SignalledDaemon.await(() -> SignalledDaemon.read(file),
				(content) -> RELOAD_LINE.matcher(content)
					.results()
					.anyMatch((match) -> match.group(1).equals(Integer.toString(generation))),
				"reload " + generation + " in " + file);
		return RELOAD_LINE.matcher(log)
			.results()
			.filter((match) -> match.group(1).equals(Integer.toString(generation)))
			.map(MatchResult::group)
			.findFirst()
			.orElseThrow();
	}

	private JsonNode lastReload(SignalledDaemon daemon) throws IOException, InterruptedException {
		// The sample shows the details (management.endpoint.daemon.show-details=always)
		return json.readTree(daemon.get(this.port, "/actuator/daemon")).get("reloads").get("last");
	}

	/** A real command, as an operator would run it. */
	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s returned", List.of(command)).isTrue();
		assertThat(process.exitValue()).as("exit status of %s", List.of(command)).isZero();
	}

	private Path config() {
		return this.directory.resolve("application.yml");
	}

	private void writeConfig(String message, int port, String sampleLevel) throws IOException {
		writeConfig(config(), message, port, sampleLevel, "app.log");
	}

	private static void writeConfig(Path config, String message, int port, String sampleLevel, String logFile)
			throws IOException {
		StringBuilder yaml = new StringBuilder();
		yaml.append("sample:\n  greeting:\n    message: ").append(message).append('\n');
		yaml.append("server:\n  port: ").append(port).append('\n');
		yaml.append("logging:\n  file:\n    name: ").append(logFile).append('\n');
		if (sampleLevel != null) {
			yaml.append("  level:\n    io.github.bootd.sample: ").append(sampleLevel).append('\n');
		}
		Files.writeString(config, yaml);
	}

}
