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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under a supervisor, end to end (docs/systemd.md, docs/containers.md): with
 * {@code daemon.mode=detach} systemd's variables do not keep the service in the
 * foreground, and the pid file is written and locked before the launching command exits,
 * as {@code Type=forking} with {@code PIDFile=} requires (the forking recipe's
 * environment); a JVM that is PID 1, as in a container, stays in the foreground as the
 * service itself and stops on SIGTERM like one.
 *
 * @author bootd authors
 */
class SupervisedModeIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final SampleDaemon sample = this.daemons.sample();

	@ParameterizedTest
	@ValueSource(strings = { "INVOCATION_ID", "NOTIFY_SOCKET" })
	void runWhenModeIsDetachUnderSystemdShouldDetachWithThePidFileLockedBeforeTheLauncherExits(String variable)
			throws Exception {
		// docs/recipes/myservice-forking.service: RuntimeDirectory= and the DAEMON_*
		// variables
		Path runtimeDirectory = Files.createDirectories(this.directory.resolve("run/sample"));
		Path pidFile = runtimeDirectory.resolve("sample.pid");
		this.processes.rememberPidFile(pidFile);
		String value = variable.equals("INVOCATION_ID") ? "0123456789abcdef0123456789abcdef"
				: this.directory.resolve("no-listener.sock").toString();
		Launch launch = this.processes.run(this.directory,
				Map.of(variable, value, "RUNTIME_DIRECTORY", runtimeDirectory.toString(), "DAEMON_ENABLED", "true",
						"DAEMON_MODE", "detach", "DAEMON_PID_FILE", pidFile.toString()),
				SampleJarProcesses.command(SampleDaemon.jar(), List.of(), "--server.port=" + this.sample.port(),
						"--daemon.output-file=" + this.sample.outputFile(), SampleJarProcesses.STARTUP_TIMEOUT));
		// Read at once, as systemd reads PIDFile= the moment ExecStart= exits
		long pid = SampleJarProcesses.readPid(pidFile).orElse(-1);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(pid).as("pid in %s when the launcher exited; %s", pidFile, launch.output())
			.isPositive()
			.isNotEqualTo(launch.pid());
		ProcFacts daemon = ProcFacts.of(pid);
		assertThat(daemon.holdsWriteLock(pidFile)).as("POSIX lock in /proc/locks").isTrue();
		assertThat(daemon.sid()).as("its own session").isEqualTo(pid);
		assertThat(daemon.ttyNr()).isZero();
		assertThat(launch.stdout()).contains("Started sample as a daemon: pid " + pid + ", pid file " + pidFile);
		assertThat(this.sample.get("/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void runWhenTheJvmIsPidOneShouldServeInTheForegroundAndStopOnTerm() throws Exception {
		// A container's exec-form ENTRYPOINT: the JVM is PID 1 of its own pid namespace
		List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
		command.addAll(this.sample.command(List.of(this.sample.classLogOption())));
		Path output = this.directory.resolve("container.out");
		Process container = this.processes.start(this.directory, Map.of(), command, output);
		assertThat(SampleJarProcesses.awaitAnswering(this.sample)).as(SampleJarProcesses.read(output)).isTrue();
		List<ProcessHandle> children = container.children().toList();
		assertThat(children).as("the JVM unshare started").hasSize(1);
		long jvm = children.get(0).pid();
		this.processes.remember(jvm);
		// Its pid file names it by its pid in the container, and the lock is its own
		assertThat(this.sample.readPid()).hasValue(1);
		assertThat(ProcFacts.of(jvm).holdsWriteLock(this.sample.pidFile())).isTrue();
		// Not detached: no daemon JVM was started, the session is still the test's
		assertThat(this.sample.classLogs()).hasSize(1);
		assertThat(ProcFacts.of(jvm).sid()).isNotEqualTo(jvm);
		assertThat(container.isAlive()).isTrue();
		// docker stop: SIGTERM to PID 1, which the kernel delivers only to a handler
		SampleDaemon.kill("TERM", jvm);
		assertThat(container.waitFor(SampleJarProcesses.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(container.exitValue()).as(SampleJarProcesses.read(output)).isEqualTo(143);
		assertThat(this.sample.pidFile()).doesNotExist();
	}

}
