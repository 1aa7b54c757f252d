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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.RealSystemd.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade ({@code kill -USR2}) of a daemon that runs in the foreground of a
 * {@code Type=notify} unit, under a real systemd 252 ({@link RealSystemd}): the recipe as
 * shipped (its {@code PIDFile=}, its default {@code NotifyAccess=main}), the signal sent
 * the way an operator sends it ({@code systemctl kill --kill-whom=main}). What
 * {@code systemctl} and {@code /proc} say.
 *
 * @author bootd authors
 */
class SystemdUpgradeIT {

	private static final String UNIT = "myservice.service";

	/** Bound on the successor's start: a JVM's start-up on a loaded 2-core machine. */
	private static final Duration UPGRADE_TIMEOUT = Duration.ofSeconds(240);

	@RegisterExtension
	final RealSystemd systemd = new RealSystemd();

	private final int port = SampleDaemon.freePort();

	@Test
	void upgradeWhenRunUnderNotifyUnitShouldMakeSystemdFollowTheSuccessorAndDropNoRequest() throws Exception {
		// A short watchdog: the successor must keep it fed once it is the main process
		install("WatchdogSec=6s\n");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		assertThat(start.exitCode()).as(start.output()).isZero();
		long old = mainPid();
		assertThat(environment(old)).contains("WATCHDOG_PID=" + old);
		writeConfig("second");
		long successor;
		try (Requests requests = new Requests()) {
			requests.awaitMore(20);
			Result usr2 = this.systemd.systemctl("kill", "--kill-whom=main", "--signal=USR2", UNIT);
			assertThat(usr2.exitCode()).as(usr2.output()).isZero();
			assertThat(SampleDaemon.await(() -> mainPid() != old && !Files.exists(this.systemd.inside("/proc/" + old)),
					UPGRADE_TIMEOUT))
				.as(() -> "systemd follows a successor and the old main process exited; the journal: "
						+ this.systemd.journalctl("-u", UNIT).stdout())
				.isTrue();
			successor = mainPid();
			requests.awaitMore(20);
			assertThat(requests.stop())
				.as("requests answered during the upgrade, and none failed: %s", requests.failures)
				.isGreaterThan(40);
			assertThat(requests.failures).isEmpty();
		}
		assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("active");
		assertThat(this.systemd.show(UNIT, "SubState")).isEqualTo("running");
		assertThat(this.systemd.show(UNIT, "StatusText")).startsWith("Upgraded: pid " + successor + " serves");
		assertThat(get("/greeting")).as("the successor read the new file").endsWith("second");
		assertThat(get("/actuator/daemon")).contains("\"pid\":" + successor);
		// Attached: the successor's output goes on to the unit's journal (on the stream
		// systemd opened for the first main process, so journald files it under that
		// _PID: Spring Boot's own line names the pid)
		String journal = this.systemd.journalctl("-u", UNIT).stdout();
		assertThat(journal).as("the successor's own lines in the unit's journal")
			.containsPattern("Starting SampleApplication .*with PID " + successor + "\\b")
			.contains("Upgraded: pid " + old + " handed the listening socket");
		// The watchdog's period, not the predecessor's pid: WATCHDOG_PID would make it
		// someone else's watchdog (sd_watchdog_enabled(3))
		assertThat(environment(successor)).contains("WATCHDOG_USEC=6000000")
			.noneMatch((variable) -> variable.startsWith("WATCHDOG_PID="));
		// Only the successor can feed the watchdog now that the old process is gone:
		// systemd records its keep-alive (a starved watchdog would kill the unit in 6 s)
		String fed = this.systemd.show(UNIT, "WatchdogTimestampMonotonic");
		assertThat(SampleDaemon.await(() -> !this.systemd.show(UNIT, "WatchdogTimestampMonotonic").equals(fed),
				Duration.ofSeconds(30)))
			.as("a WATCHDOG=1 from the successor accepted")
			.isTrue();
		assertThat(mainPid()).isEqualTo(successor);
		Result stop = this.systemd.systemctl("stop", UNIT);
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		// Stopped as its own child, SIGTERM and a graceful shutdown: systemd sends a main
		// process that is not its child SIGKILL at once, and the unit fails
		assertThat(this.systemd.show(UNIT, "ActiveState"))
			.as(() -> this.systemd.journalctl("-u", UNIT, "-n", "60").stdout())
			.isEqualTo("inactive");
		assertThat(this.systemd.journalctl("-u", UNIT).stdout()).doesNotContain("which is not our child")
			.doesNotContain("SIGKILL")
			.containsPattern("INFO " + successor + " .*Graceful shutdown complete");
		assertThat(Files.exists(this.systemd.inside("/proc/" + successor))).isFalse();
	}

	@Test
	void upgradeWhenTheSuccessorFailsUnderNotifyUnitShouldLeaveTheOldMainProcessServing() throws Exception {
		install("");
		writeConfig("first");
		assertThat(this.systemd.systemctl("start", UNIT).exitCode()).isZero();
		long old = mainPid();
		// The successor reads a broken file and fails before it serves
		this.systemd.writeServiceFile("application.yml", "sample:\n  greeting:\n    message: second\n   broken: [\n");
		Result usr2 = this.systemd.systemctl("kill", "--kill-whom=main", "--signal=USR2", UNIT);
		assertThat(usr2.exitCode()).as(usr2.output()).isZero();
		String[] journal = { "" };
		assertThat(SampleDaemon.await(() -> (journal[0] = this.systemd.journalctl("-u", UNIT).stdout())
			.contains("Upgrade failed, this instance serves on"), UPGRADE_TIMEOUT)).as(() -> journal[0]).isTrue();
		// The successor's failure text, as the launcher prints a failed start
		assertThat(journal[0]).contains("failed to start").contains("expected <block end>");
		assertThat(mainPid()).isEqualTo(old);
		assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("active");
		assertThat(get("/greeting")).endsWith("first");
		assertThat(this.systemd.show(UNIT, "StatusText")).doesNotStartWith("Upgraded");
		// Nothing of the failed successor is left in the unit
		assertThat(unitProcesses()).containsExactly(old);
	}

	@Test
	void upgradeWhenTheUnitHasNoPidFileShouldBeRefusedNamingPidFileAndServeOn() throws Exception {
		// An empty assignment resets PIDFile= (systemd.exec(5)): the recipe without it
		install("PIDFile=\n");
		writeConfig("first");
		assertThat(this.systemd.systemctl("start", UNIT).exitCode()).isZero();
		long old = mainPid();
		Result usr2 = this.systemd.systemctl("kill", "--kill-whom=main", "--signal=USR2", UNIT);
		assertThat(usr2.exitCode()).as(usr2.output()).isZero();
		String[] journal = { "" };
		assertThat(SampleDaemon.await(
				() -> (journal[0] = this.systemd.journalctl("-u", UNIT).stdout()).contains("Not upgrading (USR2)"),
				Duration.ofSeconds(60)))
			.as(() -> journal[0])
			.isTrue();
		assertThat(journal[0]).contains("systemd follows a successor only through the unit's PIDFile=, which is not"
				+ " set; set it to /run/myservice/myservice.pid");
		assertThat(mainPid()).isEqualTo(old);
		assertThat(get("/greeting")).endsWith("first");
		assertThat(unitProcesses()).containsExactly(old);
	}

	@Test
	void upgradeWhenTheUnitIsTypeForkingShouldBeRefusedWithTheReasonAndServeOn() throws Exception {
		// Detached, the daemon logs to its output file (the drop-in's /dev/null replaced)
		install("myservice-forking.service", "Environment=DAEMON_OUTPUT_FILE=/run/myservice/myservice.out\n");
		writeConfig("first");
		Result start = this.systemd.systemctl("start", UNIT);
		assertThat(start.exitCode()).as(start.output()).isZero();
		long old = mainPid();
		Result usr2 = this.systemd.systemctl("kill", "--kill-whom=main", "--signal=USR2", UNIT);
		assertThat(usr2.exitCode()).as(usr2.output()).isZero();
		Path output = this.systemd.inside("/run/myservice/myservice.out");
		String[] log = { "" };
		assertThat(SampleDaemon.await(() -> (log[0] = read(output)).contains("Not upgrading (USR2)"),
				Duration.ofSeconds(60)))
			.as(() -> log[0])
			.isTrue();
		assertThat(log[0]).contains("it was detached under systemd (a Type=forking unit)", "Type=notify with PIDFile=");
		assertThat(mainPid()).isEqualTo(old);
		assertThat(this.systemd.show(UNIT, "ActiveState")).isEqualTo("active");
		assertThat(get("/greeting")).endsWith("first");
		assertThat(unitProcesses()).containsExactly(old);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private void install(String serviceLines) throws IOException {
		install("myservice-notify-252.service", serviceLines);
	}

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

	private long mainPid() {
		return Long.parseLong(this.systemd.show(UNIT, "MainPID"));
	}

	private List<String> environment(long pid) throws IOException {
		String environ = Files.readString(this.systemd.inside("/proc/" + pid + "/environ"),
				StandardCharsets.ISO_8859_1);
		return List.of(environ.split("\0"));
	}

	/** The pids in the unit's cgroup, as the kernel lists them inside the namespace. */
	private List<Long> unitProcesses() {
		// cgroup v2, or the hybrid layout's unified and name=systemd hierarchies
		String group = this.systemd.show(UNIT, "ControlGroup");
		Result cat = this.systemd.run(Duration.ofSeconds(30), "sh", "-c",
				"for root in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do"
						+ " if [ -f \"$root$0/cgroup.procs\" ]; then exec cat \"$root$0/cgroup.procs\"; fi; done; exit 1",
				group);
		assertThat(cat.exitCode()).as(cat.output()).isZero();
		return cat.stdout()
			.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> Long.parseLong(line.trim()))
			.toList();
	}

	private String get(String path) throws IOException {
		return Requests.exchange(this.port, path);
	}

	private static Path recipes() {
		return Path.of(System.getProperty("recipes.dir"));
	}

	/**
	 * A closed-loop client on a new connection per request, bounded in count and time,
	 * which records every request that did not get a 200.
	 */
	private final class Requests implements AutoCloseable {

		private static final int MAX_REQUESTS = 1_000_000;

		private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger answered = new AtomicInteger();

		final List<String> failures = Collections.synchronizedList(new ArrayList<>());

		private final Thread thread;

		Requests() {
			this.thread = new Thread(this::run, "upgrade-requests");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			for (int i = 0; i < MAX_REQUESTS && this.running.get(); i++) {
				try {
					String response = exchange(SystemdUpgradeIT.this.port, "/greeting");
					Matcher status = STATUS.matcher(response);
					if (status.find() && status.group(1).equals("200")) {
						this.answered.incrementAndGet();
					}
					else {
						this.failures.add(response.lines().findFirst().orElse("(empty response)"));
					}
				}
				catch (IOException ex) {
					this.failures.add(ex.toString());
				}
			}
		}

		static String exchange(int port, String path) throws IOException {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		void awaitMore(int count) {
			int target = this.answered.get() + count;
			assertThat(SampleDaemon.await(() -> this.answered.get() >= target || !this.thread.isAlive(),
					Duration.ofSeconds(120)))
				.as("%d more requests answered", count)
				.isTrue();
		}

		int stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(60_000);
			return this.answered.get();
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
