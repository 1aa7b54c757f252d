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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/daemon} and the {@code daemon} health component of the real, packaged
 * sample running as a daemon, checked against {@code ps} and {@code /proc}.
 *
 * @author bootd authors
 */
class DaemonEndpointIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String UNRESTRICTED = "--management.endpoint.daemon.access=unrestricted";

	private static final Pattern GREETING = Pattern.compile("Greeting (\\d+)$", Pattern.MULTILINE);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenDaemonShouldAgreeWithPsAndProc() throws Exception {
		long pid = start();
		JsonNode daemon = getJson("/actuator/daemon");
		JsonNode process = daemon.get("process");
		ProcFacts proc = ProcFacts.of(pid);
		// ps(1): pid ppid pgid sid tty user uid, with "?" for no controlling terminal
		String[] ps = ps(pid, "pid=,ppid=,pgid=,sid=,tty=,user=,uid=");
		assertThat(process.get("pid").asLong()).isEqualTo(pid).isEqualTo(Long.parseLong(ps[0]));
		assertThat(process.get("ppid").asLong()).isEqualTo(Long.parseLong(ps[1])).isEqualTo(proc.ppid());
		assertThat(process.get("pgid").asLong()).isEqualTo(Long.parseLong(ps[2])).isEqualTo(proc.pgid());
		assertThat(process.get("sid").asLong()).isEqualTo(Long.parseLong(ps[3])).isEqualTo(proc.sid());
		assertThat(ps[4]).isEqualTo("?");
		assertThat(process.get("terminal").asString()).isEqualTo("none");
		assertThat(process.get("user").asString()).isEqualTo(ps[5]);
		assertThat(process.get("uid").asLong()).isEqualTo(Long.parseLong(ps[6]));
		assertThat(process.get("umask").asString()).isEqualTo(proc.status().get("Umask"));
		assertThat(process.get("workingDirectory").asString()).isEqualTo(proc.cwd().toString());
		assertThat(daemon.get("daemon").asBoolean()).isTrue();
		assertThat(daemon.get("mode").asString()).isEqualTo("detached");
		assertThat(daemon.get("launchDirectory").asString()).isEqualTo(this.directory.toString());
		assertThat(daemon.get("outputFile").asString()).isEqualTo(this.sample.outputFile().toString());
		JsonNode pidFile = daemon.get("pidFile");
		assertThat(pidFile.get("path").asString()).isEqualTo(this.sample.pidFile().toString());
		assertThat(pidFile.get("pid").asLong()).isEqualTo(pid);
		assertThat(pidFile.get("state").asString()).isEqualTo("held");
		assertThat(pidFile.get("locked").asBoolean()).isTrue();
		assertThat(proc.holdsWriteLock(this.sample.pidFile())).isTrue();
		assertThat(Duration.parse(daemon.get("timeToReady").asString())).isPositive();
		// Reading the endpoint must not have cost the daemon its lock (fcntl(2))
		assertThat(proc.holdsWriteLock(this.sample.pidFile())).isTrue();
	}

	@Test
	void getWhenDetailsAreNotAllowedShouldAnswerTheSummaryOnly() throws Exception {
		long pid = start("--management.endpoint.daemon.show-details=never");
		HttpResponse<String> response = this.sample.get("/actuator/daemon");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode summary = json.readTree(response.body());
		assertThat(fieldNames(summary)).containsExactly("daemon", "mode", "state", "pid", "uptime");
		assertThat(summary.get("daemon").asBoolean()).isTrue();
		assertThat(summary.get("mode").asString()).isEqualTo("detached");
		assertThat(summary.get("state").asString()).isEqualTo("ready");
		assertThat(summary.get("pid").asLong()).isEqualTo(pid);
		assertThat(ProcFacts.of(pid).sid()).isEqualTo(pid);
		assertThat(Duration.parse(summary.get("uptime").asString())).isPositive();
		assertThat(response.body()).doesNotContain(this.directory.toString())
			.doesNotContain(SampleDaemon.jar().getParent().toString());
		// A real SIGHUP: the summary gives the outcome of the reload, not its keys or
		// error
		SampleDaemon.kill("HUP", pid);
		assertThat(SampleDaemon.await(() -> json.readTree(this.sample.get("/actuator/daemon").body()).has("lastReload"),
				Duration.ofSeconds(60)))
			.as("a reload in the summary")
			.isTrue();
		JsonNode lastReload = json.readTree(this.sample.get("/actuator/daemon").body()).get("lastReload");
		assertThat(fieldNames(lastReload)).containsExactly("generation", "outcome");
		assertThat(lastReload.get("generation").asLong()).isEqualTo(1);
		assertThat(lastReload.get("outcome").asString()).isEqualTo("applied");
	}

	@Test
	void runWhenPidFileIsDeletedHealthShouldBeDown() throws Exception {
		// bootd restores a deleted pid file within a second, but only into the directory
		// it started with: a replaced directory keeps the file missing
		Path run = Files.createDirectory(this.directory.resolve("run"));
		Path pidFile = run.resolve("sample.pid");
		Launch launch = this.sample.launch("--daemon.pid-file=" + pidFile);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = Long.parseLong(Files.readString(pidFile).trim());
		this.sample.remember(pid);
		assertThat(getJson("/actuator/health").get("components").get("daemon").get("status").asString())
			.isEqualTo("UP");
		// Moved away first, so that the daemon cannot restore its file between rm's
		// unlink and rmdir
		Process replace = new ProcessBuilder("sh", "-c", "mv \"$0\" \"$0.old\" && rm -r \"$0.old\" && mkdir \"$0\"",
				run.toString())
			.inheritIO()
			.start();
		assertThat(replace.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(replace.exitValue()).isZero();
		HttpResponse<String> response = this.sample.get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(503);
		JsonNode daemon = json.readTree(response.body()).get("components").get("daemon");
		assertThat(daemon.get("status").asString()).isEqualTo("DOWN");
		assertThat(daemon.get("details").get("pidFileState").asString()).isEqualTo("deleted");
		assertThat(daemon.get("details").get("problem").asString()).contains(pidFile.toString())
			.contains("was deleted")
			.contains("kill -TERM " + pid);
		assertThat(getJson("/actuator/daemon").get("pidFile").get("state").asString()).isEqualTo("deleted");
	}

	@Test
	void runWhenPidFileNamesAnotherProcessHealthShouldBeDown() throws Exception {
		start();
		// Another process (this shell) rewrites the file in place: the daemon keeps its
		// lock, the file lies
		Process shell = new ProcessBuilder("sh", "-c", "echo 424242 > " + this.sample.pidFile()).start();
		assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(shell.exitValue()).isZero();
		JsonNode daemon = json.readTree(this.sample.get("/actuator/health").body()).get("components").get("daemon");
		assertThat(daemon.get("status").asString()).isEqualTo("DOWN");
		assertThat(daemon.get("details").get("pidFileState").asString()).isEqualTo("overwritten");
		assertThat(daemon.get("details").get("pidFileNames").asLong()).isEqualTo(424242);
		assertThat(daemon.get("details").get("problem").asString()).contains("names pid 424242");
	}

	@Test
	void runWhenAccessIsReadOnlyWritesShouldBeRefused() throws Exception {
		start();
		// Boot does not map a write operation the access setting forbids
		assertThat(this.sample.post("/actuator/daemon/reload").statusCode()).isEqualTo(404);
		assertThat(this.sample.post("/actuator/daemon/reopen-logs").statusCode()).isEqualTo(404);
		JsonNode daemon = getJson("/actuator/daemon");
		assertThat(daemon.get("reloads").get("count").asLong()).isZero();
		assertThat(daemon.get("logReopens").get("count").asLong()).isZero();
	}

	@Test
	void postReloadWhenAccessIsUnrestrictedShouldApplyTheChangedPropertyAndCountIt() throws Exception {
		Path config = this.directory.resolve("application.properties");
		Files.writeString(config, "sample.greeting.message=first\n");
		start(UNRESTRICTED);
		assertThat(this.sample.get("/greeting").body()).isEqualTo("first");
		Files.writeString(config, "sample.greeting.message=second\n");
		HttpResponse<String> response = this.sample.post("/actuator/daemon/reload");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode reload = json.readTree(response.body());
		assertThat(reload.get("generation").asLong()).isEqualTo(1);
		assertThat(reload.get("outcome").asString()).as(response.body()).isEqualTo("applied");
		assertThat(reload.get("appliedKeys").toString()).isEqualTo("[\"sample.greeting.message\"]");
		assertThat(reload.get("restartKeys").toString()).isEqualTo("[]");
		// Synchronous: once the answer is in, the application serves the new value
		assertThat(this.sample.get("/greeting").body()).isEqualTo("second");
		JsonNode reloads = getJson("/actuator/daemon").get("reloads");
		assertThat(reloads.get("count").asLong()).isEqualTo(1);
		assertThat(reloads.get("last").get("appliedKeys").toString()).isEqualTo("[\"sample.greeting.message\"]");
		// The same path as SIGHUP, so the same meters move
		String scrape = this.sample.get("/actuator/prometheus").body();
		assertThat(PrometheusScrapeIT.sample(scrape, "daemon_reloads_total{outcome=\"applied\"}")).isEqualTo(1);
		assertThat(PrometheusScrapeIT.sample(scrape, "daemon_reload_duration_seconds_count{outcome=\"applied\"}"))
			.isEqualTo(1);
		assertThat(PrometheusScrapeIT.sample(scrape, "daemon_signals_total{signal=\"HUP\"}")).isZero();
	}

	@Test
	void postReopenLogsAfterRenameShouldContinueInAFreshFile() throws Exception {
		start(UNRESTRICTED, "--logging.file.name=app.log", "--logging.level.io.github.bootd.sample=DEBUG");
		Path log = this.directory.resolve("app.log");
		Path renamed = this.directory.resolve("app.log.1");
		for (int i = 0; i < 3; i++) {
			assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
		}
		assertThat(SampleDaemon.await(() -> greetings(log).contains(3L), Duration.ofSeconds(10)))
			.as("Greeting 3 in %s", log)
			.isTrue();
		Files.move(log, renamed);
		HttpResponse<String> response = this.sample.post("/actuator/daemon/reopen-logs");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode reopen = json.readTree(response.body());
		assertThat(reopen.get("outcome").asString()).as(response.body()).isEqualTo("reopened");
		List<Path> reopened = new ArrayList<>();
		reopen.get("reopened").forEach((file) -> reopened.add(this.directory.resolve(file.asString())));
		assertThat(reopened).contains(log, this.sample.outputFile());
		assertThat(log).exists();
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
		assertThat(SampleDaemon.await(() -> greetings(log).contains(4L), Duration.ofSeconds(10)))
			.as("Greeting 4 in the fresh %s", log)
			.isTrue();
		String before = Files.readString(renamed);
		String after = Files.readString(log);
		assertThat(before).contains("Started SampleApplication").doesNotContain("Reopened log files");
		assertThat(greetings(renamed)).as("greetings in the renamed file").containsExactly(1L, 2L, 3L);
		assertThat(after).contains("Reopened log files").doesNotContain("Started SampleApplication");
		assertThat(greetings(log)).as("greetings in the fresh file").containsExactly(4L);
		assertThat(getJson("/actuator/daemon").get("logReopens").get("count").asLong()).isEqualTo(1);
	}

	private static List<Long> greetings(Path file) {
		try {
			return GREETING.matcher(Files.readString(file))
				.results()
				.map((match) -> Long.parseLong(match.group(1)))
				.toList();
		}
		catch (IOException ex) {
			if (!Files.exists(file)) {
				return List.of();
			}
			throw new UncheckedIOException(ex);
		}
	}

	private long start(String... args) {
		Launch launch = this.sample.launch(args);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		this.sample.remember(pid);
		return pid;
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> response = this.sample.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private static String[] ps(long pid, String format) throws IOException, InterruptedException {
		Process ps = new ProcessBuilder("ps", "-o", format, "-p", Long.toString(pid)).start();
		String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(ps.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ps.exitValue()).as("ps -o %s -p %d", format, pid).isZero();
		return output.split("\\s+");
	}

}
