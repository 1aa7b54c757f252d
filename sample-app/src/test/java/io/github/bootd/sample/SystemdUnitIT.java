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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.RealSystemd.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The systemd units of {@code docs/recipes}, run by a real systemd 252
 * ({@link RealSystemd}) on the packaged sample: each recipe as it is, installed as
 * {@code myservice.service}, adapted by a drop-in only (the test's user, port and sample
 * properties), its jar at the recipe's own path. What {@code systemctl} and {@code /proc}
 * say, not what bootd says about itself.
 *
 * @author bootd authors
 */
class SystemdUnitIT {

	private static final String UNIT = "myservice.service";

	/** Bound on a restart: the JVM's start-up on a loaded 2-core machine. */
	private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(180);

	private static final Pattern READY_IN = Pattern.compile("Ready in (\\d+)\\.\\d+ s");

	/** Where the logrotate recipe expects the service's log. */
	private static final String LOG = "/var/log/myservice/myservice.log";

	private static final Pattern GREETING = Pattern.compile("Greeting (\\d+)$", Pattern.MULTILINE);

	@RegisterExtension
	final RealSystemd systemd = new RealSystemd();

	private final int port = SampleDaemon.freePort();

	@Test
	void startWhenNotifyRecipeShouldReturnOnceMainPidAnswersAndStopShouldBeClean() throws Exception {
		install("myservice-notify-252.service", "");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		assertThat(start.exitCode()).as(start.output()).isZero();
		// Right after start returns, no retry: Type=notify waited for bootd's READY=1
		assertThat(get("/greeting").body()).isEqualTo("first");
		long mainPid = mainPid();
		assertThat(endpointPid()).as("the pid of the JVM that serves").isEqualTo(mainPid);
		assertThat(processFile(mainPid, "cmdline")).contains("-jar\0/opt/myservice/myservice.jar");
		assertThat(processFile(mainPid, "status")).containsPattern("(?m)^Uid:\\s+" + serviceUid() + "\\s");
		assertThat(this.systemd.show(UNIT, "StatusText")).matches(READY_IN.pattern());
		assertThat(this.systemd.journalctl("-u", UNIT).stdout()).contains("Started SampleApplication");
		// systemd says how the main process exited at debug level only, and forgets a
		// stopped unit's exit status as soon as it unloads it (a failed one stays loaded)
		assertThat(this.systemd.systemctl("log-level", "debug").exitCode()).isZero();
		Result stop = this.systemd.systemctl("stop", UNIT);
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("inactive");
		assertThat(this.systemd.journalctl("-u", UNIT).stdout()).as("SIGTERM's 128 + 15, accepted")
			.contains("Main process exited, code=exited, status=143/n/a (success)");
		assertThat(Files.exists(this.systemd.inside("/proc/" + mainPid))).isFalse();
	}

	@Test
	void reloadWhenFileChangesShouldApplyItBeforeReturningAndWhenMalformedShouldFailWithTheReason() throws Exception {
		// Each reload takes 3 s inside the daemon: a reload command that did not wait for
		// its outcome would return before the new greeting is served
		install("myservice-notify-252.service", "Environment=SAMPLE_SLOW_RELOAD=3s\n");
		writeConfig("first");
		assertThat(this.systemd.systemctl("start", UNIT).exitCode()).isZero();
		long mainPid = mainPid();
		writeConfig("second");
		Result reload = this.systemd.systemctl("reload", UNIT);
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		assertThat(get("/greeting").body()).isEqualTo("second");
		assertThat(this.systemd.show(UNIT, "StatusText")).startsWith("Reload #1 applied");
		this.systemd.writeServiceFile("application.yml", "sample:\n  greeting:\n    message: third\n   broken: [\n");
		Result rejected = this.systemd.systemctl("reload", UNIT);
		assertThat(rejected.exitCode()).as(rejected.output()).isNotZero();
		// The reload command's own output, through journald, which may lag behind its
		// exit
		String[] status = { "" };
		assertThat(SampleDaemon
			.await(() -> (status[0] = this.systemd.systemctl("status", "--no-pager", "--full", "--lines=20", UNIT)
				.stdout()).contains("broken: ["), Duration.ofSeconds(60)))
			.as(status[0])
			.isTrue();
		// The action still finds the daemon, which rejects the file; both name file and
		// line
		assertThat(status[0]).contains("warning: the configuration is unreadable")
			.contains("/opt/myservice/application.yml, line 4, column 4: expected <block end>")
			.contains("rejected reload #2 and keeps its running configuration: /opt/myservice/application.yml: ")
			.contains("while parsing a block mapping");
		assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("active");
		assertThat(mainPid()).isEqualTo(mainPid);
		assertThat(get("/greeting").body()).isEqualTo("second");
	}

	@Test
	void logrotateRecipeWhenDaemonRunsUnderTheUnitShouldMakeItReopenItsLogWithoutLosingALine() throws Exception {
		install("myservice-notify-252.service", "Environment=LOGGING_FILE_NAME=" + LOG + "\n");
		// The machine's /var/log stays as it is: the namespace gets a /var/log of its own
		inside("mount", "-n", "-t", "tmpfs", "-o", "mode=755", "tmpfs", "/var/log");
		inside("install", "-d", "-o", RealSystemd.SERVICE_USER, "-g", RealSystemd.SERVICE_USER, "/var/log/myservice");
		// The service's own name, as a real deployment has it: the recipes' name
		this.systemd.writeServiceFile("application.yml", "spring:\n  application:\n    name: myservice\n"
				+ "sample:\n  greeting:\n    message: first\nlogging:\n  level:\n    io.github.bootd.sample: DEBUG\n");
		assertThat(this.systemd.systemctl("start", UNIT).exitCode()).isZero();
		long mainPid = mainPid();
		assertThat(this.systemd.inside("/run/myservice/myservice.pid")).as("the unit's RuntimeDirectory=").exists();
		Path log = this.systemd.inside(LOG);
		Path rotated = this.systemd.inside(LOG + ".1");
		Object before = fileKey(log);
		assertThat(openFiles(mainPid)).contains(before);

		// The recipe as shipped, for the test's service user; logrotate's state in a
		// directory of the test's
		String recipe = Files.readString(recipes().resolve("myservice.logrotate"));
		String adapted = recipe
			.replace("create 0640 myservice myservice",
					"create 0640 " + RealSystemd.SERVICE_USER + " " + RealSystemd.SERVICE_USER)
			.replace("runuser -u myservice", "runuser -u " + RealSystemd.SERVICE_USER);
		assertThat(adapted).as("the recipe's user, replaced")
			.doesNotContain("myservice myservice")
			.doesNotContain("-u myservice");
		Path rotation = Files.createDirectories(this.systemd.inside("/tmp/logrotate"));
		Files.writeString(rotation.resolve("myservice"), adapted);
		int served;
		try (Greetings greetings = new Greetings()) {
			greetings.awaitMore(20);
			Result logrotate = this.systemd.run(RealSystemd.COMMAND_TIMEOUT, "/usr/sbin/logrotate", "-v", "-f", "-s",
					"/tmp/logrotate/state", "/tmp/logrotate/myservice");
			assertThat(logrotate.exitCode()).as(logrotate.output()).isZero();
			assertThat(logrotate.output()).as("postrotate ran").contains("running postrotate script");
			Object fresh = fileKey(log);
			assertThat(fresh).as("logrotate's create: a new file").isNotEqualTo(before);
			assertThat(fileKey(rotated)).isEqualTo(before);
			// The kernel says where the daemon writes: the fresh file, no longer the
			// renamed one
			boolean reopened = SampleDaemon.await(() -> {
				List<Object> inodes = openFiles(mainPid);
				return inodes.contains(fresh) && !inodes.contains(before);
			}, Duration.ofSeconds(60));
			assertThat(reopened)
				.as(() -> "the daemon reopened " + LOG + " (" + before + " renamed, " + fresh
						+ " created): its log descriptors " + logDescriptors(mainPid) + "; logrotate said "
						+ logrotate.output() + "; the journal: " + this.systemd.journalctl("-u", UNIT).stdout())
				.isTrue();
			served = greetings.stopAfterMore(20);
		}
		String renamed = Files.readString(rotated);
		String current = Files.readString(log);
		assertThat(renamed).contains("Started SampleApplication");
		assertThat(current).contains("Reopened log files").doesNotContain("Started SampleApplication");
		Map<Integer, Integer> counts = greetings(renamed + current);
		assertThat(counts).as("every greeting logged, in one of the two files").hasSize(served);
		assertThat(counts.values()).as("each once").containsOnly(1);
		assertThat(greetings(current)).as("greetings after the reopen").isNotEmpty();
		assertThat(mainPid()).as("reopened, not restarted").isEqualTo(mainPid);
	}

	@Test
	void watchdogWhenJvmIsFrozenShouldKillAndRestartIt() throws Exception {
		// A shorter watchdog than the recipe's 30 s, to keep the test short
		install("myservice-notify-252.service", "WatchdogSec=10s\n");
		writeConfig("first");
		assertThat(this.systemd.systemctl("start", UNIT).exitCode()).isZero();
		long frozen = mainPid();
		// Alive, the JVM keeps systemd's watchdog fed: the last keep-alive's time moves
		String started = this.systemd.show(UNIT, "WatchdogTimestampMonotonic");
		assertThat(SampleDaemon.await(() -> !this.systemd.show(UNIT, "WatchdogTimestampMonotonic").equals(started),
				Duration.ofSeconds(60)))
			.as("a WATCHDOG=1 received after the start")
			.isTrue();
		assertThat(this.systemd.show(UNIT, "NRestarts")).as("not restarted while it was fed").isEqualTo("0");
		assertThat(mainPid()).isEqualTo(frozen);
		this.systemd.kill("STOP", frozen);
		// Measured on 252: systemd follows the watchdog's SIGABRT with SIGCONT, as every
		// kill signal but SIGKILL, so the stopped JVM dies at once, long before
		// TimeoutAbortSec= (by default TimeoutStopSec=, 90 s) would have it killed
		assertThat(
				SampleDaemon.await(() -> !Files.exists(this.systemd.inside("/proc/" + frozen)), Duration.ofSeconds(75)))
			.as("the frozen JVM killed before TimeoutStopSec= would have")
			.isTrue();
		assertThat(SampleDaemon.await(() -> this.systemd.show(UNIT, "ActiveState").equals("active")
				&& !this.systemd.show(UNIT, "MainPID").equals("0"), RESTART_TIMEOUT))
			.isTrue();
		assertThat(mainPid()).isNotEqualTo(frozen);
		assertThat(this.systemd.show(UNIT, "NRestarts")).isEqualTo("1");
		assertThat(get("/greeting").body()).isEqualTo("first");
		assertThat(this.systemd.journalctl("-u", UNIT).stdout()).contains("Watchdog timeout")
			.contains("Main process exited, code=killed, status=6/ABRT")
			.contains("Failed with result 'watchdog'");
	}

	@Test
	void startWhenPortIsTakenShouldFailTheStartJob() throws Exception {
		install("myservice-notify-252.service", "Restart=no\n");
		writeConfig("first");
		try (ServerSocket taken = new ServerSocket(this.port, 1, InetAddress.getLoopbackAddress())) {
			Result start = this.systemd.systemctl("start", UNIT);
			assertThat(start.exitCode()).as(start.output()).isNotZero();
			assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("failed");
			assertThat(this.systemd.show(UNIT, "Result")).isEqualTo("exit-code");
			assertThat(this.systemd.journalctl("-u", UNIT).stdout()).contains("Port " + this.port)
				.contains("already in use");
		}
	}

	@Test
	void startWhenForkingRecipeShouldFindTheDaemonThroughThePidFile() throws Exception {
		install("myservice-forking.service", "");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(get("/greeting").body()).isEqualTo("first");
		long mainPid = mainPid();
		String pidFile = Files.readString(this.systemd.inside("/run/myservice/myservice.pid")).trim();
		assertThat(pidFile).isEqualTo(Long.toString(mainPid));
		assertThat(endpointPid()).isEqualTo(mainPid);
		assertThat(processFile(mainPid, "cmdline")).contains("-jar\0/opt/myservice/myservice.jar");
		assertThat(this.systemd.show(UNIT, "ControlPID")).as("the launching command has exited").isEqualTo("0");
		Result stop = this.systemd.systemctl("stop", UNIT);
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(this.systemd.show(UNIT, "Result")).isEqualTo("success");
	}

	@Test
	void startWhenSlowerThanTimeoutStartSecShouldBeExtendedWhileStarting() throws Exception {
		// TimeoutStartSec= above the time the JVM takes to reach Spring Boot's context on
		// a loaded machine, where the first extension is sent
		install("myservice-notify-252.service",
				"TimeoutStartSec=60s\nEnvironment=SAMPLE_SLOW_START=75s DAEMON_STARTUP_TIMEOUT=300s\n");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		assertThat(start.exitCode()).as(start.output() + this.systemd.journalctl("-u", UNIT).stdout()).isZero();
		Matcher ready = READY_IN.matcher(this.systemd.show(UNIT, "StatusText"));
		assertThat(ready.matches()).isTrue();
		assertThat(Long.parseLong(ready.group(1))).as("the start outlasted TimeoutStartSec=").isGreaterThan(60);
		assertThat(get("/greeting").body()).isEqualTo("first");
		assertThat(this.systemd.journalctl("-u", UNIT).stdout()).doesNotContain("timed out");
	}

	@Test
	void startWhenSlowerThanStartupTimeoutShouldBeTimedOutBySystemd() throws Exception {
		install("myservice-notify-252.service",
				"TimeoutStartSec=60s\nRestart=no\nEnvironment=SAMPLE_SLOW_START=200s DAEMON_STARTUP_TIMEOUT=100s\n");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		String journal = this.systemd.journalctl("-u", UNIT).stdout();
		assertThat(start.exitCode()).as(start.output()).isNotZero();
		assertThat(this.systemd.show(UNIT, "Result")).isEqualTo("timeout");
		assertThat(journal).contains("Slow start: waiting PT3M20S").contains("start operation timed out");
		assertThat(journal).doesNotContain("Started SampleApplication");
	}

	/**
	 * Install a recipe as it is, as {@code myservice.service}, with a drop-in that runs
	 * it as the test's user, on the test's port, with the sample's output file discarded
	 * (its {@code application.properties} names one in the working directory, which is
	 * not the service user's; an empty value is refused like any other bad one, so
	 * /dev/null).
	 */
	private void install(String recipe, String serviceLines) throws IOException {
		this.systemd.installJar(SampleDaemon.jar());
		this.systemd.installUnit(UNIT, Files.readString(recipes().resolve(recipe)));
		this.systemd.installDropIn(UNIT, "test",
				"[Service]\nUser=" + RealSystemd.SERVICE_USER + "\nGroup=" + RealSystemd.SERVICE_USER
						+ "\nEnvironment=SERVER_PORT=" + this.port + " DAEMON_OUTPUT_FILE=/dev/null\n" + serviceLines);
	}

	private void writeConfig(String message) throws IOException {
		this.systemd.writeServiceFile("application.yml", "sample:\n  greeting:\n    message: " + message + "\n");
	}

	private void inside(String... command) {
		Result result = this.systemd.run(Duration.ofSeconds(60), command);
		assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.output()).isZero();
	}

	/**
	 * Where the descriptors of a process of the namespace that point below /var/log lead.
	 */
	private List<String> logDescriptors(long pid) {
		List<String> links = new ArrayList<>();
		try (Stream<Path> fds = Files.list(this.systemd.inside("/proc/" + pid + "/fd"))) {
			for (Path fd : (Iterable<Path>) fds::iterator) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("/var/log")) {
						links.add(fd.getFileName() + " -> " + target + " (" + fileKey(fd) + ")");
					}
				}
				catch (IOException ex) {
					// Closed since it was listed
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return links;
	}

	/**
	 * The files a process of the namespace has open, as (device, inode) from stat(2) on
	 * its fds: an inode number alone repeats across file systems (a tmpfs counts from 1).
	 */
	private List<Object> openFiles(long pid) {
		List<Object> inodes = new ArrayList<>();
		try (Stream<Path> fds = Files.list(this.systemd.inside("/proc/" + pid + "/fd"))) {
			for (Path fd : (Iterable<Path>) fds::iterator) {
				try {
					inodes.add(fileKey(fd));
				}
				catch (IOException ex) {
					// Closed since it was listed
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return inodes;
	}

	private static Object fileKey(Path file) throws IOException {
		return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
	}

	private static Map<Integer, Integer> greetings(String log) {
		Map<Integer, Integer> counts = new TreeMap<>();
		Matcher matcher = GREETING.matcher(log);
		while (matcher.find()) {
			counts.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
		}
		return counts;
	}

	/**
	 * Requests one after another on a thread of its own, each logging a numbered line.
	 */
	private final class Greetings implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger served = new AtomicInteger();

		private final Thread thread;

		private volatile Exception failure;

		Greetings() {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						assertThat(get("/greeting").statusCode()).isEqualTo(200);
						this.served.incrementAndGet();
					}
					catch (Exception | AssertionError ex) {
						this.failure = (ex instanceof Exception exception) ? exception : new IllegalStateException(ex);
						return;
					}
				}
			}, "greetings");
			this.thread.start();
		}

		void awaitMore(int more) {
			int target = this.served.get() + more;
			assertThat(SampleDaemon.await(() -> this.served.get() >= target || this.failure != null,
					Duration.ofSeconds(120)))
				.as(more + " more requests")
				.isTrue();
			assertThat(this.failure).isNull();
		}

		/** Let it serve some more, stop it, return the number served. */
		int stopAfterMore(int more) throws InterruptedException {
			awaitMore(more);
			close();
			assertThat(this.failure).isNull();
			return this.served.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(Duration.ofSeconds(60).toMillis());
		}

	}

	private long mainPid() {
		return Long.parseLong(this.systemd.show(UNIT, "MainPID"));
	}

	private long endpointPid() {
		Matcher pid = Pattern.compile("\"pid\":(\\d+)").matcher(get("/actuator/daemon").body());
		assertThat(pid.find()).isTrue();
		return Long.parseLong(pid.group(1));
	}

	private String processFile(long pid, String name) throws IOException {
		return Files.readString(this.systemd.inside("/proc/" + pid + "/" + name), StandardCharsets.ISO_8859_1);
	}

	private String serviceUid() {
		return this.systemd.run(Duration.ofSeconds(30), "id", "-u", RealSystemd.SERVICE_USER).stdout().trim();
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path recipes() {
		return Path.of(System.getProperty("recipes.dir"));
	}

}
