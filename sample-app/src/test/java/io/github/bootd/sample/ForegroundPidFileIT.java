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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code daemon.mode=foreground} never detaches, yet the pid file's rules still apply
 * (docs/detaching.md "Modes", docs/troubleshooting.md): a second instance is a start-up
 * failure (exit status 1, not the launcher's LSB 0, since the process that failed is the
 * service itself), an invalid {@code daemon.*} value exits 6, and SIGINT stops the
 * service with 130 and removes the pid file.
 *
 * @author bootd authors
 */
class ForegroundPidFileIT {

	private static final String FOREGROUND = "--daemon.mode=foreground";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenAForegroundInstanceHoldsThePidFileShouldRefuseASecondWithExitOne() throws Exception {
		Process first = startInForeground();
		awaitLockHeldBy(first);
		// Another port, the same pid file: only the lock can refuse it
		Launch second = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), FOREGROUND, "--server.port=" + SampleDaemon.freePort()));
		assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
		assertThat(second.output()).contains(
				"The application is already running (pid " + first.pid() + ", pid file " + this.sample.pidFile() + ")");
		assertThat(first.isAlive()).isTrue();
		assertThat(this.sample.pid()).isEqualTo(first.pid());
		assertThat(ProcFacts.of(first.pid()).holdsWriteLock(this.sample.pidFile())).isTrue();
	}

	@Test
	void runWhenForegroundValueIsInvalidShouldExplainAndExitSix() {
		Launch launch = this.processes.run(this.directory, Map.of(),
				this.sample.command(List.of(), FOREGROUND, "--daemon.umask=089"));
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.output()).contains("Invalid value '089' for property 'daemon.umask'")
			.contains("it is not an octal file mode creation mask");
		assertThat(this.sample.pidFile()).doesNotExist();
	}

	@Test
	void interruptWhenInForegroundShouldExitWith130AndRemoveThePidFile() throws Exception {
		// Ctrl-C reaches a job the terminal runs in the foreground, whose INT is at its
		// default; an ignored disposition would be inherited from whatever started the
		// tests (a script's "mvn verify &"), so set the default explicitly
		List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
		command.addAll(this.sample.command(List.of(), FOREGROUND));
		Process service = this.processes.start(this.directory, Map.of(), command,
				this.directory.resolve("foreground.out"));
		awaitLockHeldBy(service);
		assertThat(SampleJarProcesses.awaitAnswering(this.sample)).isTrue();
		assertThat(ProcFacts.of(service.pid()).ignores(2)).isFalse();
		SampleDaemon.kill("INT", service.pid());
		assertThat(service.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("exited after SIGINT; output: %s", SampleJarProcesses.read(this.directory.resolve("foreground.out")))
			.isTrue();
		assertThat(service.exitValue()).isEqualTo(130);
		assertThat(this.sample.pidFile()).doesNotExist();
	}

	private Process startInForeground() throws Exception {
		return this.processes.start(this.directory, Map.of(), this.sample.command(List.of(), FOREGROUND),
				this.directory.resolve("foreground.out"));
	}

	private void awaitLockHeldBy(Process process) {
		assertThat(SampleDaemon.await(
				() -> this.sample.readPid().orElse(-1) == process.pid()
						&& ProcFacts.of(process.pid()).holdsWriteLock(this.sample.pidFile()),
				SampleJarProcesses.TIMEOUT))
			.as("%s holds %s; output: %s", process.pid(), this.sample.pidFile(),
					SampleJarProcesses.read(this.directory.resolve("foreground.out")))
			.isTrue();
	}

}
