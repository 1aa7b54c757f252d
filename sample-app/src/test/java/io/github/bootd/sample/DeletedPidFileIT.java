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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pid file deleted while the daemon runs (a careless {@code rm}, a tmp cleaner): the
 * daemon puts it back, locked, and stays unique and findable while it cannot. Real
 * {@code rm} on the packaged sample; locks and liveness read from {@code /proc}.
 *
 * @author bootd authors
 */
class DeletedPidFileIT {

	/**
	 * A bound on an awaited restore, generous for a loaded 2-core machine; bootd polls
	 * every 100 ms (the measured times are in docs/performance.md, not asserted).
	 */
	private static final Duration RESTORE_BOUND = Duration.ofSeconds(20);

	/** Longer than {@link #RESTORE_BOUND}: a restore that waited for it would be seen. */
	private static final String SLOW_RELOAD = "30s";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void rmWhenDaemonRunsShouldRestoreTheFileLockedOnItsNewInodeWithAWarn() throws Exception {
		long pid = start();
		Path pidFile = this.sample.pidFile();
		Object deleted = inode(pidFile);
		run("rm", pidFile.toString());
		assertThat(SampleDaemon.await(() -> ProcFacts.of(pid).holdsWriteLock(pidFile), RESTORE_BOUND))
			.as("the daemon's WRITE lock on a file at " + pidFile + " (/proc/locks)")
			.isTrue();
		assertThat(inode(pidFile)).as("a new file").isNotEqualTo(deleted);
		assertThat(this.sample.readPid()).hasValue(pid);
		assertThat(ProcFacts.of(pid).posixLocks()).as("the deleted file's descriptor was closed")
			.noneMatch((line) -> line.trim().split("\\s+")[5].endsWith(":" + deleted));
		String warn = awaitLogLine("The pid file " + pidFile + " was deleted while the daemon ran (pid " + pid
				+ "); wrote and locked it again");
		assertThat(warn).contains(" WARN ");
		assertThat(this.sample.get("/actuator/health").statusCode()).as("healthy again").isEqualTo(200);
		assertThat(this.sample.launch().stdout()).contains("sample is already running (pid " + pid + ", pid file ");
	}

	@Test
	void rmDuringSlowReloadShouldRestoreTheFileBeforeTheReloadEnds() throws Exception {
		long pid = start("--sample.slow-reload=" + SLOW_RELOAD);
		Path pidFile = this.sample.pidFile();
		SampleDaemon.kill("HUP", pid);
		awaitLogLine("Slow reload 1: waiting PT30S (sample.slow-reload)");
		Object deleted = inode(pidFile);
		run("rm", pidFile.toString());
		assertThat(SampleDaemon.await(() -> Files.exists(pidFile, LinkOption.NOFOLLOW_LINKS)
				&& !inode(pidFile).equals(deleted) && ProcFacts.of(pid).holdsWriteLock(pidFile), RESTORE_BOUND))
			.as("restored while the reload still waits")
			.isTrue();
		// The promise: the restore did not wait for the reload, which is still in
		// progress
		assertThat(Files.readString(this.sample.outputFile())).doesNotContain("Reload 1 applied")
			.doesNotContain("Reload 1 failed");
		assertThat(this.sample.readPid()).hasValue(pid);
	}

	@Test
	void pidFileGoneForGoodShouldLeaveTheDaemonUniqueAndFoundByStatusAndStop() throws Exception {
		// A tmp cleaner removes the pid file's directory and a deploy script makes a new
		// one: bootd restores its file only into the directory it checked at start, so
		// the file stays missing and the socket alone keeps the daemon unique and
		// findable
		Path run = Files.createDirectory(this.directory.resolve("run"));
		Path pidFile = run.resolve("sample.pid");
		long pid = start("--daemon.pid-file=" + pidFile);
		// Moved away first, so that the daemon cannot restore its file between rm's
		// unlink and rmdir
		run("sh", "-c", "mv \"$0\" \"$0.old\" && rm -r \"$0.old\" && mkdir \"$0\"", run.toString());
		awaitLogLine("The pid file " + pidFile + " was deleted while the daemon ran (pid " + pid
				+ ") and cannot be restored: its directory " + run + " was replaced by another directory");
		assertThat(pidFile).doesNotExist();

		// A port of its own: only the lock may stop it, not a port the first one holds
		Launch second = this.sample.launch("--daemon.pid-file=" + pidFile, "--server.port=" + SampleDaemon.freePort());
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.stdout()).contains("sample is already running (pid " + pid + ", pid file " + pidFile + ")");
		assertThat(SampleDaemon.await(() -> PidFileIT.javaProcessesRunning(pidFile.toString()).equals(List.of(pid)),
				Duration.ofSeconds(60)))
			.as("the first daemon alone runs: " + PidFileIT.javaProcessesRunning(pidFile.toString()))
			.isTrue();
		assertThat(pidFile).as("the refused start wrote nothing").doesNotExist();
		assertThat(this.sample.get("/greeting").statusCode()).as("the first daemon serves").isEqualTo(200);

		HttpResponse<String> health = this.sample.get("/actuator/health");
		assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
		JsonNode daemon = json.readTree(health.body()).get("components").get("daemon");
		assertThat(daemon.get("status").asString()).isEqualTo("DOWN");
		assertThat(daemon.get("details").get("pidFileState").asString()).isEqualTo("deleted");
		assertThat(daemon.get("details").get("problem").asString()).contains("was deleted")
			.contains("still refuses a second instance");

		Launch status = action(pidFile, "status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).contains("sample is running: pid " + pid + ", up ")
			.contains("its pid file " + pidFile + " is missing: found it through its socket @bootd/");

		Launch stop = action(pidFile, "stop");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(stop.stdout()).containsPattern("Stopped sample \\(pid " + pid + "\\) in \\d+\\.\\d\\d s")
			.contains("its pid file " + pidFile + " is missing: found it through its socket @bootd/");
		assertThat(ProcFacts.isAlive(pid)).as("gone from /proc").isFalse();
		Launch after = action(pidFile, "status");
		assertThat(after.exitCode()).as(after.output()).isEqualTo(3);
	}

	private long start(String... args) {
		Launch launch = this.sample.launch(args);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = Long.parseLong(launch.stdout().replaceFirst("(?s).*daemon: pid (\\d+),.*", "$1"));
		this.sample.remember(pid);
		return pid;
	}

	private Launch action(Path pidFile, String action) {
		return this.sample.launch("--daemon.pid-file=" + pidFile, "--daemon.action=" + action);
	}

	/** The daemon's log line that contains the text, once it is there. */
	private String awaitLogLine(String text) {
		assertThat(SampleDaemon.await(() -> SignalledDaemon.read(this.sample.outputFile()).contains(text),
				Duration.ofSeconds(60)))
			.as("'" + text + "' in " + this.sample.outputFile())
			.isTrue();
		return SignalledDaemon.read(this.sample.outputFile())
			.lines()
			.filter((line) -> line.contains(text))
			.findFirst()
			.orElseThrow();
	}

	private static Object inode(Path file) {
		try {
			return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return "none";
		}
	}

	/** A real command, as an operator or a cleaner would run it. */
	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
	}

}
