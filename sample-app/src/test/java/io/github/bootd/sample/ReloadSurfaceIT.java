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
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a SIGHUP re-reads and how it reports it (docs/reload.md), on the packaged sample
 * started as a detached daemon: profile-specific files (the profile named in a file or on
 * the command line), {@code spring.config.additional-location}, the {@code config/*}
 * subdirectories of the launch directory, the keys of a constructor-bound class listed as
 * needing a restart; and a log reopen that failed, as {@code /actuator/daemon} shows it
 * (docs/endpoint.md).
 *
 * @author bootd authors
 */
class ReloadSurfaceIT {

	private static final Pattern RELOAD_LINE = Pattern.compile("Reload (\\d+) (applied|failed)[^\\n]*");

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void reloadWhenActiveProfileChangedInFileShouldReadTheOtherProfilesFile() throws Exception {
		write("application.yml", "spring:\n  profiles:\n    active: blue\n");
		write("application-blue.yml", message("blue-1"));
		write("application-green.yml", message("green"));
		SampleDaemon daemon = started();
		assertThat(daemon.get("/greeting").body()).isEqualTo("blue-1");
		// The first reload runs the full config data machinery, as start-up did
		write("application-blue.yml", message("blue-2"));
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("blue-2");
		// Later ones re-parse the known files, unless another profile is active now
		write("application.yml", "spring:\n  profiles:\n    active: green\n");
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("green");
	}

	@Test
	void reloadWhenProfileFromCommandLineShouldReReadItsFile() throws Exception {
		write("application.yml", message("default"));
		write("application-prod.yml", message("prod-1"));
		SampleDaemon daemon = started("--spring.profiles.active=prod");
		assertThat(daemon.get("/greeting").body()).isEqualTo("prod-1");
		write("application-prod.yml", message("prod-2"));
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("prod-2");
		write("application-prod.yml", message("prod-3"));
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied");
		assertThat(daemon.get("/greeting").body()).isEqualTo("prod-3");
	}

	@Test
	void reloadWhenAdditionalLocationFileChangedShouldReReadItFromTheLaunchDirectory() throws Exception {
		write("application.yml", message("default"));
		write("extra/more.yml", message("extra-1"));
		// Relative to the launch directory, not to the daemon's working directory (/)
		SampleDaemon daemon = started("--spring.config.additional-location=file:./extra/more.yml");
		assertThat(ProcFacts.of(daemon.pid()).cwd()).isEqualTo(Path.of("/"));
		assertThat(daemon.get("/greeting").body()).isEqualTo("extra-1");
		write("extra/more.yml", message("extra-2"));
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("extra-2");
	}

	@Test
	void reloadWhenConfigSubdirectoryFileChangedOrAddedShouldReadIt() throws Exception {
		write("config/one/application.yml", message("one-1"));
		SampleDaemon daemon = started();
		assertThat(daemon.get("/greeting").body()).isEqualTo("one-1");
		write("config/one/application.yml", message("one-2"));
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("one-2");
		// A config/*/ subdirectory that came after the first reload: the second cannot
		// just re-parse the files it knows
		write("config/two/application.yml", "logging:\n  level:\n    io.github.bootd.sample: DEBUG\n");
		SampleDaemon.kill("HUP", daemon.pid());
		assertThat(reloadLine(daemon, 2)).contains("Reload 2 applied")
			.contains("applied live: [logging.level.io.github.bootd.sample]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("one-2");
	}

	@Test
	void reloadWhenConstructorBoundKeyChangedShouldListItAsNeedingRestart() throws Exception {
		write("application.yml", message("first") + "  limits:\n    max-length: 10\n");
		SampleDaemon daemon = started();
		write("application.yml", message("second") + "  limits:\n    max-length: 20\n");
		SampleDaemon.kill("HUP", daemon.pid());
		// GreetingLimits is a record: bound once through its constructor, it cannot be
		// updated in place, while the JavaBean GreetingProperties can
		assertThat(reloadLine(daemon, 1)).contains("Reload 1 applied")
			.contains("applied live: [sample.greeting.message]")
			.contains("needs a restart: [sample.limits.max-length]");
		assertThat(daemon.get("/greeting").body()).isEqualTo("second");
	}

	@Test
	void reopenWhenLogFileCannotBeReopenedShouldShowTheFailureInTheEndpoint() throws Exception {
		Path log = this.directory.resolve("app.log");
		SampleDaemon daemon = started("--logging.file.name=" + log, "--management.endpoint.daemon.show-details=always");
		long pid = daemon.pid();
		Files.move(log, this.directory.resolve("app.log.1"));
		// A directory where the file should be: open(2) fails with EISDIR, even for root
		Files.createDirectory(log);
		SampleDaemon.kill("USR1", pid);
		assertThat(
				SampleDaemon.await(() -> logReopens(daemon).path("count").asLong() == 1, SampleDaemon.LAUNCH_TIMEOUT))
			.as("one reopen in /actuator/daemon: %s", logReopens(daemon))
			.isTrue();
		JsonNode reopens = logReopens(daemon);
		assertThat(reopens.path("failures").asLong()).as(reopens.toString()).isEqualTo(1);
		assertThat(reopens.path("last").isMissingNode()).as(reopens.toString()).isFalse();
		assertThat(reopens.path("lastError").asString()).as(reopens.toString()).contains(log.toString());
		// The service goes on, and still writes where it was
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		assertThat(ProcFacts.of(pid).fds().values()).contains(this.directory.resolve("app.log.1").toString());
	}

	private SampleDaemon started(String... args) {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = daemon.launch(args);
		assertThat(start.exitCode()).as(start.output()).isZero();
		return daemon;
	}

	private static JsonNode logReopens(SampleDaemon daemon) {
		try {
			return json.readTree(daemon.get("/actuator/daemon").body()).path("logReopens");
		}
		catch (RuntimeException ex) {
			return json.createObjectNode();
		}
	}

	/** The reload's line in the daemon's output file (its console log). */
	private static String reloadLine(SampleDaemon daemon, int generation) throws InterruptedException {
		String output = SignalledDaemon.await(() -> SignalledDaemon.read(daemon.outputFile()),
				(text) -> RELOAD_LINE.matcher(text)
					.results()
					.anyMatch((match) -> match.group(1).equals(Integer.toString(generation))),
				"reload " + generation + " in " + daemon.outputFile());
		return RELOAD_LINE.matcher(output)
			.results()
			.filter((match) -> match.group(1).equals(Integer.toString(generation)))
			.map(MatchResult::group)
			.findFirst()
			.orElseThrow();
	}

	private void write(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static String message(String message) {
		return "sample:\n  greeting:\n    message: " + message + "\n";
	}

}
