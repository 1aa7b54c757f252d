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
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals the JVM cannot handle (docs/signals.md): with {@code -Xrs} the VM reserves HUP,
 * INT and TERM and the kernel's default ends the JVM at once on any of them. A detached
 * start is refused before any daemon runs; in the foreground the service runs with one
 * warning, records what it handles, and the control actions refuse to send it a signal
 * that would kill it. The truth is read from {@code /proc/<pid>/status} (SigCgt).
 *
 * @author bootd authors
 */
class ReservedSignalsIT {

	private static final int SIGHUP = 1;

	private static final int SIGINT = 2;

	private static final int SIGUSR1 = 10;

	private static final int SIGUSR2 = 12;

	private static final int SIGTERM = 15;

	private static final String FOREGROUND = "--daemon.mode=foreground";

	private static final String WARNING = "bootd cannot handle SIGHUP, SIGINT and SIGTERM";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	@ParameterizedTest
	@ValueSource(strings = { "-Xrs", "JAVA_TOOL_OPTIONS=-XX:+ReduceSignalUsage" })
	void startWhenTheJvmCannotHandleHupAndTermShouldBeRefusedBeforeAnyDaemonRunsWithExitSix(String option) {
		Map<String, String> environment = new HashMap<>();
		List<String> jvmOptions = List.of(this.sample.classLogOption());
		String named = option;
		if (option.startsWith("JAVA_TOOL_OPTIONS=")) {
			// Where such an option hides best: not on the command line
			named = option.substring("JAVA_TOOL_OPTIONS=".length());
			environment.put("JAVA_TOOL_OPTIONS", named);
		}
		else {
			jvmOptions = List.of(this.sample.classLogOption(), option);
		}
		Launch launch = this.processes.run(this.directory, environment, this.sample.command(jvmOptions));
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr())
			.contains("bootd: sample was not started as a daemon: it could not handle SIGHUP"
					+ " and SIGTERM (the JVM runs with " + named + ")")
			.contains("remove " + named)
			.contains("daemon.mode=foreground");
		// One JVM ran, the launcher: no daemon child was started and nothing is left
		assertThat(classLogs()).as("class logs, one per JVM started").hasSize(1);
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(this.sample.outputFile()).doesNotExist();
		assertThat(PidFileIT.javaProcessesRunning(this.sample.pidFile().toString())).isEmpty();
	}

	@Test
	void runWhenInTheForegroundWithXrsShouldWarnOnceRecordItsSignalsAndActionsShouldNotKillIt() throws Exception {
		Path output = this.directory.resolve("foreground.out");
		Process service = this.processes.start(this.directory, Map.of(),
				this.sample.command(List.of("-Xrs"), FOREGROUND), output);
		assertThat(SampleJarProcesses.awaitAnswering(this.sample)).as(SampleJarProcesses.read(output)).isTrue();
		long pid = service.pid();
		assertThat(this.sample.pid()).isEqualTo(pid);
		// What the kernel will do with each signal
		ProcFacts facts = ProcFacts.of(pid);
		assertThat(facts.catches(SIGHUP)).as("HUP caught").isFalse();
		assertThat(facts.catches(SIGINT)).as("INT caught").isFalse();
		assertThat(facts.catches(SIGTERM)).as("TERM caught").isFalse();
		assertThat(facts.catches(SIGUSR1)).as("USR1 caught").isTrue();
		assertThat(facts.catches(SIGUSR2)).as("USR2 caught").isTrue();
		// What the daemon recorded agrees, in its state file and its endpoint
		Path stateFile = this.directory.resolve("sample.state");
		assertThat(SampleDaemon.await(() -> Files.exists(stateFile), SampleJarProcesses.TIMEOUT)).isTrue();
		assertThat(properties(stateFile).getProperty("signals.handled")).isEqualTo("USR1,USR2");
		assertThat(this.sample.get("/actuator/daemon").body()).contains("\"handledSignals\":[\"USR1\",\"USR2\"]");
		String log = SampleJarProcesses.read(output);
		assertThat(log.lines()
			.filter((line) -> line.contains("WARN"))
			.filter((line) -> line.contains("SIGHUP") || line.contains("SIGTERM") || line.contains("SIGINT"))).as(log)
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains(WARNING + " (the JVM runs with -Xrs")
			.contains("Remove -Xrs");

		Launch reload = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), "--daemon.action=reload"));
		assertThat(reload.exitCode()).as(reload.output()).isEqualTo(3);
		assertThat(reload.stderr()).contains("bootd: sample (pid " + pid + ") cannot handle SIGHUP (its JVM runs with"
				+ " -Xrs), so reload did not send it: a SIGHUP would kill it instead of reloading it");
		Launch stop = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), "--daemon.action=stop"));
		assertThat(stop.exitCode()).as(stop.output()).isEqualTo(3);
		assertThat(stop.stderr()).contains("bootd: sample (pid " + pid + ") cannot handle SIGTERM (its JVM runs with"
				+ " -Xrs), so stop did not send it");
		// USR1 is not reserved: reopening the logs works as ever
		Launch reopen = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), "--daemon.action=reopen-logs"));
		assertThat(reopen.exitCode()).as(reopen.output()).isZero();
		assertThat(reopen.stdout()).contains("Asked sample (pid " + pid + ") to reopen its log files (SIGUSR1)");

		assertThat(service.isAlive()).as(SampleJarProcesses.read(output)).isTrue();
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).isTrue();
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void reloadWhenAnXrsServiceIsStillStartingShouldNotKillIt() throws Exception {
		// Before it is ready the daemon has published no state: its signal mask decides
		Path output = this.directory.resolve("foreground.out");
		Process service = this.processes.start(this.directory, Map.of(),
				this.sample.command(List.of("-Xrs"), FOREGROUND, "--sample.slow-start=10m"), output);
		SampleJarProcesses.awaitText(output, "Slow start: waiting");
		long pid = service.pid();
		assertThat(this.sample.pid()).isEqualTo(pid);
		Launch reload = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), "--daemon.action=reload"));
		assertThat(reload.exitCode()).as(reload.output()).isEqualTo(3);
		assertThat(reload.stderr())
			.contains("cannot handle SIGHUP (its JVM runs with -Xrs), so reload did not send it");
		assertThat(service.isAlive()).as(SampleJarProcesses.read(output)).isTrue();
		assertThat(SampleJarProcesses.read(output)).doesNotContain("Started SampleApplication");
	}

	private List<Path> classLogs() {
		try {
			return this.sample.classLogs();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Properties properties(Path file) throws IOException {
		Properties properties = new Properties();
		properties.load(new StringReader(Files.readString(file)));
		return properties;
	}

}
