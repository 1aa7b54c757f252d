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
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -HUP} on the packaged sample running as a detached daemon, with its
 * configuration in the launch directory (the daemon's working directory is {@code /}).
 *
 * @author bootd authors
 */
class ReloadIT {

	private static final Pattern RELOAD_LINE = Pattern.compile("Reload (\\d+) (applied|failed)[^\\n]*");

	/** Far longer than a 10,000-HUP storm takes, even on a loaded machine. */
	private static final Duration SLOW_RELOAD = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	int port;

	@BeforeEach
	void choosePort() throws IOException {
		this.port = SignalledDaemon.freePort();
	}

	@Test
	void reloadWhenPropertyChangedShouldServeNewValueAndApplyItLive() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of())) {
			assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
			writeConfig("second", this.port, null);
			daemon.kill("HUP");
			assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
				.contains("applied live [sample.greeting.message]")
				.contains("needs a restart []");
			assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
		}
	}

	@Test
	void reloadWhenServerPortChangedShouldListItAsNeedingRestart() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of())) {
			writeConfig("first", SignalledDaemon.freePort(), null);
			daemon.kill("HUP");
			assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
				.contains("applied live []")
				.contains("needs a restart [server.port]");
			// Honest about it: the server still listens where it did
			assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		}
	}

	@Test
	void reloadWhenYamlMalformedShouldKeepOldConfigurationAndNameTheFile() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of())) {
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
	}

	@Test
	void reloadWhenLoggingLevelInvalidShouldRejectTheWholeReload() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of())) {
			writeConfig("second", this.port, "LOUD");
			daemon.kill("HUP");
			assertThat(reloadLine(daemon, 1)).contains("Reload 1 failed")
				.contains("application.yml")
				.contains("logging.level.io.github.bootd.sample='LOUD'");
			assertThat(daemon.get(this.port, "/greeting")).isEqualTo("first");
		}
	}

	@Test
	void reloadWhenLoggingLevelChangedShouldApplyIt() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of())) {
			daemon.get(this.port, "/greeting");
			writeConfig("first", this.port, "DEBUG");
			daemon.kill("HUP");
			assertThat(reloadLine(daemon, 1)).contains("applied live [logging.level.io.github.bootd.sample]");
			daemon.get(this.port, "/greeting");
			String log = daemon.awaitLog("app.log", "Greeting 2");
			assertThat(log).as("the request before the reload logged at INFO level").doesNotContain("Greeting 1");
		}
	}

	@Test
	void reloadWhenStartedUnderNohupShouldReloadOnHup() throws Exception {
		writeConfig("first", this.port, null);
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of("nohup"))) {
			writeConfig("second", this.port, null);
			daemon.kill("HUP");
			assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied");
			assertThat(daemon.get(this.port, "/greeting")).isEqualTo("second");
			assertThat(daemon.isAlive()).isTrue();
		}
	}

	@Test
	void reloadWhenStormOfHupsDuringReloadShouldRunExactlyOneMoreAndEndOnTheFinalConfiguration() throws Exception {
		writeConfig("first", this.port, null);
		// Every reload waits this long before it reads the files: the storm falls inside
		// reload 1 on any machine, and the next reload reads files written after reload 1
		try (SignalledDaemon daemon = SignalledDaemon.start(this.directory, List.of(),
				"--sample.slow-reload=" + SLOW_RELOAD.toSeconds() + "s")) {
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
				.contains("applied live [sample.greeting.message]");
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
	}

	/** 10,000 HUPs in well under a second: the shell's builtin kill, not a process each. */
	private static void storm(SignalledDaemon daemon, int count) throws IOException, InterruptedException {
		Process storm = new ProcessBuilder("bash", "-c",
				"for ((i = 0; i < $1; i++)); do kill -HUP $2 || exit 1; done", "storm", Integer.toString(count),
				Long.toString(daemon.pid()))
			.inheritIO()
			.start();
		assertThat(storm.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(storm.exitValue()).isZero();
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private static String reloadLine(SignalledDaemon daemon, int generation) throws InterruptedException {
		String log = daemon.awaitLog("app.log", "Reload " + generation + " ");
		return RELOAD_LINE.matcher(log)
			.results()
			.filter((match) -> match.group(1).equals(Integer.toString(generation)))
			.map(MatchResult::group)
			.findFirst()
			.orElseThrow();
	}

	private Path config() {
		return this.directory.resolve("application.yml");
	}

	private void writeConfig(String message, int port, String sampleLevel) throws IOException {
		StringBuilder yaml = new StringBuilder();
		yaml.append("sample:\n  greeting:\n    message: ").append(message).append('\n');
		yaml.append("server:\n  port: ").append(port).append('\n');
		yaml.append("logging:\n  file:\n    name: app.log\n");
		if (sampleLevel != null) {
			yaml.append("  level:\n    io.github.bootd.sample: ").append(sampleLevel).append('\n');
		}
		Files.writeString(config(), yaml);
	}

}
