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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals that reach a detached daemon while it is still starting (docs/signals.md): the
 * handlers are installed before the pid file is written, a HUP is remembered and carried
 * out once the application is ready, a TERM stops it cleanly and removes the pid file.
 * {@code --sample.slow-start} holds the start-up open, and the tests wait for the
 * daemon's own "Slow start: waiting" line, so a signal lands inside it on any machine.
 *
 * @author bootd authors
 */
class StartupSignalsIT {

	private static final String SLOW_START = "Slow start: waiting";

	private static final Pattern RELOAD_LINE = Pattern.compile("Reload \\d+ (applied|failed)");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void hupWhenSentTheMomentThePidFileNamesTheDaemonShouldNotKillIt() throws Exception {
		Process launcher = startLauncher();
		// Whoever reads the pid file may signal at once (logrotate, an init script): poll
		// it as tightly as the real kill command allows
		long pid = SampleJarProcesses.awaitValue(this.sample::readPid,
				(read) -> read.isPresent() ? read.getAsLong() : null, "a pid in " + this.sample.pidFile(),
				Duration.ofMillis(1));
		SampleDaemon.kill("HUP", pid);
		// Without a handler the JVM exits with 129 and the launcher reports a failed
		// start
		assertThat(launcher.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(launcher.exitValue()).as(launcherOutput()).isZero();
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		assertThat(this.sample.pid()).isEqualTo(pid);
		// And the HUP was not lost either: it reloads once the daemon is ready
		String output = SampleJarProcesses.awaitText(this.sample.outputFile(), "Reload 1 applied");
		assertThat(output.indexOf("Reload 1 applied")).isGreaterThan(output.indexOf("Started SampleApplication"));
	}

	@Test
	void hupWhenSentDuringStartUpShouldBeRememberedAndReloadOnceReady() throws Exception {
		Path config = SampleJarProcesses.write(this.directory.resolve("application.properties"),
				"sample.greeting.message=before\n");
		Process launcher = startLauncher("--sample.slow-start=10s");
		SampleJarProcesses.awaitText(this.sample.outputFile(), SLOW_START);
		long pid = this.sample.pid();
		// The configuration was loaded before the slow bean: only a reload can apply this
		SampleJarProcesses.write(config, "sample.greeting.message=after\n");
		SampleDaemon.kill("HUP", pid);
		assertThat(launcher.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(launcher.exitValue()).as(launcherOutput()).isZero();
		String output = SampleJarProcesses.awaitText(this.sample.outputFile(), "Reload 1 applied");
		assertThat(output.indexOf("Reload 1 applied")).as(output)
			.isGreaterThan(output.indexOf("Started SampleApplication"));
		assertThat(this.sample.get("/greeting").body()).isEqualTo("after");
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		// One HUP, one reload
		assertThat(RELOAD_LINE.matcher(SampleJarProcesses.read(this.sample.outputFile())).results().count())
			.isEqualTo(1);
	}

	@Test
	void termWhenSentDuringStartUpShouldStopTheDaemonAndRemoveItsPidFile() throws Exception {
		Process launcher = startLauncher("--sample.slow-start=10s");
		SampleJarProcesses.awaitText(this.sample.outputFile(), SLOW_START);
		long pid = this.sample.pid();
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).isTrue();
		SampleDaemon.kill("TERM", pid);
		assertThat(SampleDaemon.awaitExit(pid, SampleJarProcesses.TIMEOUT)).isTrue();
		assertThat(this.sample.pidFile()).doesNotExist();
		// A start that never became ready is reported failed, with nothing left running
		assertThat(launcher.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(launcher.exitValue()).as(launcherOutput()).isEqualTo(1);
		assertThat(launcherOutput()).contains("bootd: sample (pid " + pid + ") failed to start");
		assertThat(PidFileIT.javaProcessesRunning(this.sample.pidFile().toString())).isEmpty();
	}

	private Process startLauncher(String... args) throws Exception {
		List<String> command = new ArrayList<>(this.sample.command(List.of(), SampleJarProcesses.STARTUP_TIMEOUT));
		command.addAll(List.of(args));
		return this.processes.start(this.directory, Map.of(), command, this.directory.resolve("launcher.out"));
	}

	private String launcherOutput() {
		return SampleJarProcesses.read(this.directory.resolve("launcher.out")) + "\ndaemon output:\n"
				+ SampleJarProcesses.read(this.sample.outputFile());
	}

}
