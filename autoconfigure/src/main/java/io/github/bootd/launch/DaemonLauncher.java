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
package io.github.bootd.launch;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import io.github.bootd.DaemonSettings;
import io.github.bootd.launch.DaemonHandshake.Kind;
import io.github.bootd.launch.LauncherHandshake.Report;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;

/**
 * Starts the daemon child and waits for its readiness report, so that the launching
 * command returns only once the service is really ready, or says why it is not and exits
 * non-zero with nothing left running.
 *
 * @author bootd authors
 */
final class DaemonLauncher {

	/** Exit status when the daemon runs (LSB: starting a running service succeeds). */
	static final int EXIT_OK = 0;

	/** Exit status when the daemon failed to start or did not become ready in time. */
	static final int EXIT_FAILED = 1;

	/** Exit status for an invalid {@code daemon.*} value (LSB: program is not configured). */
	static final int EXIT_NOT_CONFIGURED = 6;

	/** How long a failed child may take to exit on its own before it is killed. */
	private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

	/** How long to wait for the failure analysis that follows a failure report. */
	private static final Duration ANALYSIS_GRACE = Duration.ofSeconds(5);

	/** How long to wait for the report of a child that has exited already. */
	private static final Duration EXITED_GRACE = Duration.ofSeconds(1);

	private final DaemonSettings settings;

	private final String name;

	private final PrintStream out;

	private final PrintStream err;

	DaemonLauncher(DaemonSettings settings, String name, PrintStream out, PrintStream err) {
		this.settings = settings;
		this.name = name;
		this.out = out;
		this.err = err;
	}

	/**
	 * Launch the daemon and wait for it.
	 * @return the exit status for the launching command
	 */
	int launch() {
		try {
			OptionalLong holder = PidFile.holder(this.settings.pidFile());
			if (holder.isPresent()) {
				this.out.println(alreadyRunning(holder.getAsLong()));
				return EXIT_OK;
			}
			try (LauncherHandshake handshake = LauncherHandshake.open()) {
				Process process = start(handshake);
				return await(process, handshake);
			}
		}
		catch (IOException ex) {
			this.err.println("bootd: could not start " + this.name + " as a daemon: " + ex);
			return EXIT_FAILED;
		}
	}

	private Process start(LauncherHandshake handshake) throws IOException {
		List<String> dropped = new ArrayList<>();
		List<String> command = JvmCommandLine.current()
			.forDaemon("-D" + DaemonHandshake.PROPERTY + "=" + handshake.socket(), dropped);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.settings.launchDirectory().toFile())
			.redirectInput(new File("/dev/null"))
			.redirectErrorStream(true)
			.redirectOutput((this.settings.outputFile() != null)
					? ProcessBuilder.Redirect.appendTo(this.settings.outputFile().toFile())
					: ProcessBuilder.Redirect.DISCARD);
		dropJdwp(builder.environment(), "JAVA_TOOL_OPTIONS", dropped);
		dropJdwp(builder.environment(), "JDK_JAVA_OPTIONS", dropped);
		if (!dropped.isEmpty()) {
			this.err.println("bootd: the debug agent stays with the launcher, which holds its port: not passing "
					+ String.join(" ", dropped) + " to the daemon (debug with daemon.mode=foreground)");
		}
		releaseJmxPort();
		return builder.start();
	}

	private void dropJdwp(Map<String, String> environment, String variable, List<String> dropped) {
		String value = environment.get(variable);
		if (value != null && Arrays.stream(value.split("\\s+")).anyMatch(JvmCommandLine::isJdwp)) {
			Arrays.stream(value.split("\\s+")).filter(JvmCommandLine::isJdwp).forEach(dropped::add);
			environment.put(variable, Arrays.stream(value.split("\\s+"))
				.filter((option) -> !JvmCommandLine.isJdwp(option))
				.collect(Collectors.joining(" ")));
		}
	}

	/**
	 * The JVM started the JMX agent of a {@code com.sun.management.jmxremote.port} before
	 * bootd ran: stop it here so that the daemon, which is the process the operator wants
	 * to observe, can bind the same port.
	 */
	private void releaseJmxPort() {
		if (System.getProperty("com.sun.management.jmxremote.port") == null) {
			return;
		}
		try {
			ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "managementAgentStop",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
		}
		catch (Exception ex) {
			this.err.println("bootd: could not release the JMX port for the daemon: " + ex);
		}
	}

	private int await(Process process, LauncherHandshake handshake) {
		Duration timeout = this.settings.startupTimeout();
		try {
			CompletableFuture.anyOf(handshake.report(), handshake.failureSeen(), process.onExit())
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return timedOut(process);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return EXIT_FAILED;
		}
		catch (ExecutionException ex) {
			// cannot happen: none of the futures completes exceptionally
		}
		// Once the child has exited, whatever it sent is already buffered in the socket
		Report report = handshake.awaitReport(process.isAlive() ? ANALYSIS_GRACE : EXITED_GRACE);
		if (report.kind() == Kind.READY) {
			this.out.println(started(process));
			return EXIT_OK;
		}
		if (report.kind() == Kind.RUNNING) {
			this.out.println(alreadyRunning(parsePid(report.text())));
			reap(process);
			return EXIT_OK;
		}
		int status = reap(process);
		this.err.println(failed(process, status, report));
		return EXIT_FAILED;
	}

	private int timedOut(Process process) {
		this.err.printf("bootd: %s (pid %d) did not become ready within %s (daemon.startup-timeout); stopping it%n",
				this.name, process.pid(), format(this.settings.startupTimeout()));
		process.destroy();
		reap(process);
		this.err.println(outputHint());
		return EXIT_FAILED;
	}

	/**
	 * Wait for a failed child to exit, killing it if it lingers (a non-daemon thread can
	 * keep a JVM alive after a failed start): a failed start leaves nothing running.
	 */
	private int reap(Process process) {
		try {
			if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.err.printf("bootd: %s (pid %d) did not exit within %s; killing it%n", this.name, process.pid(),
						format(EXIT_GRACE));
				process.destroyForcibly();
				process.waitFor();
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private String started(Process process) {
		Duration elapsed = ProcessHandle.current()
			.info()
			.startInstant()
			.map((start) -> Duration.between(start, Instant.now()))
			.orElse(Duration.ZERO);
		return String.format("Started %s as a daemon: pid %d, pid file %s, output %s (ready in %s)", this.name,
				process.pid(), this.settings.pidFile(), outputDescription(), format(elapsed));
	}

	private String failed(Process process, int status, Report report) {
		StringBuilder message = new StringBuilder();
		message.append(String.format("bootd: %s (pid %d) failed to start and exited with status %d", this.name,
				process.pid(), status));
		if (report.analysis() != null) {
			message.append(String.format("%n%n%s%n", report.analysis()));
		}
		else if (report.text() != null) {
			message.append(String.format("%n%n%s%n", report.text()));
		}
		else {
			message.append(" before it could report why");
		}
		message.append(String.format("%n%s", outputHint()));
		return message.toString();
	}

	private String alreadyRunning(long pid) {
		return "bootd: " + this.name + " is "
				+ DaemonAlreadyRunningException.message(this.settings.pidFile(), (pid > 0) ? pid : null);
	}

	private long parsePid(String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException | NullPointerException ex) {
			return -1;
		}
	}

	private String outputDescription() {
		return (this.settings.outputFile() != null) ? this.settings.outputFile().toString() : "/dev/null";
	}

	private String outputHint() {
		return (this.settings.outputFile() != null) ? "bootd: the daemon's output is in " + this.settings.outputFile()
				: "bootd: the daemon's output was discarded; set daemon.output-file to keep it";
	}

	private static String format(Duration duration) {
		return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
	}

}
