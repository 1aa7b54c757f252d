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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The daemon's meters in the Prometheus scrape of the real, packaged sample daemon,
 * checked by {@code promtool} (Debian package {@code prometheus}).
 *
 * @author bootd authors
 */
class PrometheusScrapeIT {

	private static final Duration SLOW_START = Duration.ofSeconds(2);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenScrapedDaemonMetricsShouldPassPromtool() throws Exception {
		// A start-up that takes at least this long on any machine: the time to ready has
		// a known lower bound instead of depending on how loaded the machine is
		long pid = start("--sample.slow-start=" + SLOW_START.toSeconds() + "s");
		String scrape = scrape();
		String daemonFamilies = scrape.lines()
			.filter((line) -> line.startsWith("daemon_") || line.startsWith("# HELP daemon_")
					|| line.startsWith("# TYPE daemon_"))
			.reduce("", (all, line) -> all + line + "\n");
		assertThat(daemonFamilies).contains("# TYPE daemon_reloads_total counter")
			.contains("daemon_reloads_total{outcome=\"applied\"} 0.0")
			.contains("daemon_reloads_total{outcome=\"failed\"} 0.0")
			.contains("# TYPE daemon_reload_duration_seconds summary")
			.contains("daemon_log_reopens_total{outcome=\"reopened\"} 0.0")
			.contains("daemon_signals_total{signal=\"HUP\"} 0.0")
			.contains("daemon_pid_file_held 1.0")
			.contains("daemon_time_to_ready_seconds ");
		assertThat(sample(scrape, "daemon_time_to_ready_seconds")).as("seconds, including the slow start")
			.isGreaterThanOrEqualTo(SLOW_START.toMillis() / 1000.0);
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).as("the kernel's view, in /proc/locks")
			.isTrue();
		assertThat(promtool(daemonFamilies)).as("promtool check metrics on the daemon_ families").isEmpty();
		// Spring Boot's and Micrometer's own meters draw lint warnings (missing help
		// text, abbreviated units); none may be ours
		assertThat(promtool(scrape).lines().filter((line) -> line.contains("daemon_"))).isEmpty();
	}

	@Test
	void runWhenPidFileReplacedShouldReportItNoLongerHeldAsTheKernelSees() throws Exception {
		long pid = start();
		assertThat(sample(scrape(), "daemon_pid_file_held")).isEqualTo(1);
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).as("/proc/locks while held").isTrue();
		// Same content, another inode (as a careless deploy script's copy makes it):
		// record locks belong to the file the daemon opened, not to the name, so nothing
		// protects the file now at the path
		Path copy = Files.writeString(this.directory.resolve("sample.pid.new"), pid + "\n");
		Files.move(copy, this.sample.pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).as("/proc/locks once replaced").isFalse();
		assertThat(sample(scrape(), "daemon_pid_file_held")).as("the gauge agrees with the kernel").isZero();
	}

	@Test
	void runWhenHupShouldMoveTheReloadAndSignalCounters() throws Exception {
		long pid = start();
		String before = scrape();
		assertThat(sample(before, "daemon_reloads_total{outcome=\"applied\"}")).isZero();
		assertThat(sample(before, "daemon_reload_duration_seconds_count{outcome=\"applied\"}")).isZero();
		SampleDaemon.kill("HUP", pid);
		// The reload runs on the signal worker after kill(1) returned: poll. The timer is
		// recorded last (on the reload's event), so once it counts, everything else does
		assertThat(SampleDaemon.await(
				() -> sample(scrape(), "daemon_reload_duration_seconds_count{outcome=\"applied\"}") == 1,
				Duration.ofSeconds(30)))
			.as("daemon_reload_duration_seconds_count{outcome=\"applied\"} reaches 1 after kill -HUP")
			.isTrue();
		String after = scrape();
		assertThat(sample(after, "daemon_signals_total{signal=\"HUP\"}")).isEqualTo(1);
		assertThat(sample(after, "daemon_reloads_total{outcome=\"failed\"}")).isZero();
		assertThat(sample(after, "daemon_reloads_total{outcome=\"applied\"}")).isEqualTo(1);
		assertThat(sample(after, "daemon_reload_duration_seconds_sum{outcome=\"applied\"}")).isPositive();
		assertThat(promtool(after).lines().filter((line) -> line.contains("daemon_"))).isEmpty();
	}

	private long start(String... args) {
		Launch launch = this.sample.launch(args);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		return this.sample.pid();
	}

	private String scrape() {
		HttpResponse<String> response = this.sample.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	static double sample(String scrape, String series) {
		Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
		if (!matcher.find()) {
			throw new AssertionError("No series " + series + " in the scrape");
		}
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * Run {@code promtool check metrics} on a scrape.
	 * @return what promtool reported; empty when it found nothing
	 */
	private static String promtool(String metrics) throws IOException, InterruptedException {
		Process promtool;
		try {
			promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return fail("promtool is not installed: install the Debian package 'prometheus'"
					+ " (apt-get install -y prometheus); CI installs it", ex);
		}
		try (var stdin = promtool.getOutputStream()) {
			stdin.write(metrics.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
			promtool.destroyForcibly();
			fail("promtool did not finish within 30 s");
		}
		return (promtool.exitValue() == 0) ? output.trim() : "exit " + promtool.exitValue() + ": " + output.trim();
	}

}
