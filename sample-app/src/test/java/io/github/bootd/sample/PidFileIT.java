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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pid file's lock decides whether an instance runs.
 *
 * @author bootd authors
 */
class PidFileIT {

	private static final int LAUNCHES = 20;

	/**
	 * The launches' own {@code daemon.startup-timeout}, generous for 40 JVMs on 2 cores.
	 */
	private static final Duration CROWDED_STARTUP_TIMEOUT = Duration.ofMinutes(5);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenAlreadyRunningShouldRefuseWithoutDisturbingIt() throws Exception {
		assertThat(this.sample.launch().exitCode()).isZero();
		long pid = this.sample.pid();
		long outputSize = Files.size(this.sample.outputFile());
		Launch second = this.sample.launch();
		// LSB: starting a service that runs already is not an error
		assertThat(second.exitCode()).isZero();
		assertThat(second.stdout())
			.contains("sample is already running (pid " + pid + ", pid file " + this.sample.pidFile() + ")");
		assertThat(this.sample.pid()).isEqualTo(pid);
		assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).isTrue();
		assertThat(Files.size(this.sample.outputFile())).isEqualTo(outputSize);
	}

	@Test
	void runWhenPidFileIsStaleShouldTakeItOver() throws Exception {
		assertThat(this.sample.launch().exitCode()).isZero();
		long first = this.sample.pid();
		SampleDaemon.kill("KILL", first);
		assertThat(SampleDaemon.awaitExit(first, Duration.ofSeconds(30))).isTrue();
		assertThat(this.sample.pidFile()).exists();
		assertThat(this.sample.pid()).isEqualTo(first);
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long second = this.sample.pid();
		assertThat(second).isNotEqualTo(first);
		assertThat(ProcFacts.of(second).holdsWriteLock(this.sample.pidFile())).isTrue();
	}

	@Test
	void runWhenTwentyStartAtOnceShouldLeaveExactlyOneDaemon() throws Exception {
		// 20 launchers and their daemon children on a loaded 2-core machine: start-ups
		// take minutes, so the launches get their own generous timeout and the test a
		// bound beyond it; the promise checked is the outcome, never how fast it came
		List<Process> launchers = new ArrayList<>();
		List<Path[]> outputs = new ArrayList<>();
		try {
			for (int i = 0; i < LAUNCHES; i++) {
				Path stdout = this.directory.resolve("launch-" + i + ".stdout");
				Path stderr = this.directory.resolve("launch-" + i + ".stderr");
				outputs.add(new Path[] { stdout, stderr });
				launchers.add(new ProcessBuilder(this.sample.command(List.of(),
						"--daemon.startup-timeout=" + CROWDED_STARTUP_TIMEOUT.toSeconds() + "s"))
					.directory(this.directory.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
					.redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile())
					.start());
			}
			// Every JVM a launch forks is remembered as it appears, so that tearDown
			// stops it whatever the outcome
			boolean returned = SampleDaemon.await(() -> {
				launchers.forEach(this::rememberDescendants);
				return launchers.stream().noneMatch(Process::isAlive);
			}, CROWDED_STARTUP_TIMEOUT.plus(Duration.ofMinutes(2)));
			assertThat(returned).as("every launcher returned").isTrue();
			List<Launch> results = new ArrayList<>();
			for (int i = 0; i < LAUNCHES; i++) {
				Launch launch = new Launch(launchers.get(i).pid(), launchers.get(i).exitValue(),
						Files.readString(outputs.get(i)[0]), Files.readString(outputs.get(i)[1]));
				this.sample.remember(launch);
				results.add(launch);
			}
			// The promise first: one survivor. A losing daemon child may still be on its
			// way out when its launcher returns
			String pidFile = this.sample.pidFile().toString();
			SampleDaemon.await(() -> javaProcessesRunning(pidFile).size() == 1, Duration.ofSeconds(60));
			List<Long> survivors = javaProcessesRunning(pidFile);
			assertThat(survivors).as("the sample JVMs left running").hasSize(1);
			long pid = survivors.get(0);
			assertThat(this.sample.readPid()).as("the pid file names the survivor").hasValue(pid);
			assertThat(ProcFacts.of(pid).holdsWriteLock(this.sample.pidFile())).isTrue();
			assertThat(results).allSatisfy((launch) -> assertThat(launch.exitCode()).as(launch.output()).isZero());
			assertThat(results)
				.filteredOn((launch) -> launch.stdout().contains("Started sample as a daemon: pid " + pid))
				.hasSize(1);
			assertThat(results)
				.filteredOn((launch) -> launch.stdout().contains("already running (pid " + pid + ", pid file "))
				.hasSize(LAUNCHES - 1);
		}
		finally {
			for (Process launcher : launchers) {
				rememberDescendants(launcher);
				launcher.destroyForcibly();
			}
		}
	}

	private void rememberDescendants(Process launcher) {
		launcher.descendants().forEach((child) -> this.sample.remember(child.pid()));
	}

	@Test
	void runWhenPidFileIsSymbolicLinkShouldRefuseBeforeDetaching() throws Exception {
		Path target = Files.writeString(this.directory.resolve("elsewhere"), "");
		Files.createSymbolicLink(this.sample.pidFile(), target);
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).isEqualTo(6);
		assertThat(launch.stderr())
			.contains("Invalid value '" + this.sample.pidFile() + "' for property 'daemon.pid-file'")
			.contains("is a symbolic link")
			.contains("Remove the link or point daemon.pid-file at a regular file.");
		assertThat(Files.readString(target)).isEmpty();
		assertThat(javaProcessesRunning(this.sample.pidFile().toString())).isEmpty();
	}

	@Test
	void runWhenPidFileDirectoryIsWorldWritableShouldRefuse() throws Exception {
		Path shared = Files.createDirectory(this.directory.resolve("shared"));
		Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		Launch launch = this.sample.launch("--daemon.pid-file=shared/sample.pid");
		assertThat(launch.exitCode()).isEqualTo(6);
		assertThat(launch.stderr()).contains("'daemon.pid-file'").contains("writable by other users");
		assertThat(shared.resolve("sample.pid")).doesNotExist();
	}

	/**
	 * The sample JVMs whose command line names the given argument: an assertion that
	 * nothing was left running, never used to stop anything.
	 */
	static List<Long> javaProcessesRunning(String argument) {
		return ProcessHandle.allProcesses()
			.filter((process) -> ProcFacts.isAlive(process.pid()))
			.filter((process) -> ProcFacts.commandLine(process.pid()).contains(SampleDaemon.jar().toString()))
			.filter((process) -> ProcFacts.commandLine(process.pid()).contains(argument))
			.map(ProcessHandle::pid)
			.toList();
	}

}
