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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pid file bootd uses when {@code daemon.pid-file} is not set (docs/properties.md):
 * {@code $RUNTIME_DIRECTORY/<name>.pid} under systemd's {@code RuntimeDirectory=}, else
 * {@code <name>.pid} beside the jar, whichever directory the command is started from;
 * never in a directory other users can write. The jar is a copy in the test's own
 * directory, so that nothing is written beside the built jar in {@code target/}.
 *
 * @author bootd authors
 */
class DefaultPidFileIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleJarProcesses processes = this.daemons.processes();

	private final int port = SampleDaemon.freePort();

	@Test
	void runWhenPidFileNotSetShouldLockOneBesideTheJarNamedAfterTheApplicationFromAnyDirectory() throws Exception {
		// The jar's name differs from spring.application.name (sample): the name wins
		Path jar = this.processes.copyJar(this.directory.resolve("opt/myservice.jar"));
		Path pidFile = jar.resolveSibling("sample.pid");
		this.processes.rememberPidFile(pidFile);
		Path first = Files.createDirectories(this.directory.resolve("first"));
		Launch launch = this.processes.run(first, Map.of(), command(jar));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stdout()).contains("pid file " + pidFile);
		long pid = SampleJarProcesses.readPid(pidFile).orElseThrow();
		assertThat(launch.stdout()).contains("daemon: pid " + pid + ",");
		assertThat(ProcFacts.of(pid).holdsWriteLock(pidFile)).as("POSIX lock in /proc/locks").isTrue();
		assertThat(pidFiles(first)).isEmpty();
		// Started from elsewhere, the same jar finds the same lock
		Path second = Files.createDirectories(this.directory.resolve("second"));
		Launch again = this.processes.run(second, Map.of(), command(jar));
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.stdout()).contains("sample is already running (pid " + pid + ", pid file " + pidFile + ")");
		assertThat(pidFiles(second)).isEmpty();
		assertThat(ProcFacts.of(pid).holdsWriteLock(pidFile)).isTrue();
	}

	@Test
	void runWhenApplicationHasNoNameShouldNameThePidFileAfterTheJar() throws Exception {
		Path jar = this.processes.copyJar(this.directory.resolve("opt/myservice.jar"));
		Path pidFile = jar.resolveSibling("myservice.pid");
		this.processes.rememberPidFile(pidFile);
		// An empty spring.application.name is no name (the sample's own file sets one)
		Launch launch = this.processes.run(this.directory, Map.of(), command(jar, "--spring.application.name="));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stdout()).contains("Started myservice as a daemon").contains("pid file " + pidFile);
		long pid = SampleJarProcesses.readPid(pidFile).orElseThrow();
		assertThat(ProcFacts.of(pid).holdsWriteLock(pidFile)).isTrue();
		assertThat(jar.resolveSibling("sample.pid")).doesNotExist();
	}

	@Test
	void runWhenSystemdGivesARuntimeDirectoryShouldPutThePidFileThere() throws Exception {
		Path jar = this.processes.copyJar(this.directory.resolve("opt/myservice.jar"));
		// What systemd's RuntimeDirectory=sample makes: a directory only the service user
		// writes
		Path runtimeDirectory = Files.createDirectories(this.directory.resolve("run/sample"));
		Path pidFile = runtimeDirectory.resolve("sample.pid");
		Path output = this.directory.resolve("service.out");
		Process service = this.processes.start(this.directory, Map.of("INVOCATION_ID",
				"0123456789abcdef0123456789abcdef", "RUNTIME_DIRECTORY", runtimeDirectory.toString()), command(jar),
				output);
		// systemd's own process is the service: it holds the lock itself
		long pid = SampleJarProcesses.awaitValue(() -> SampleJarProcesses.readPid(pidFile),
				(read) -> read.isPresent() ? read.getAsLong() : null, "a pid in " + pidFile);
		assertThat(pid).isEqualTo(service.pid());
		assertThat(SampleDaemon.await(() -> ProcFacts.of(pid).holdsWriteLock(pidFile), SampleJarProcesses.TIMEOUT))
			.as("POSIX lock in /proc/locks; output: %s", SampleJarProcesses.read(output))
			.isTrue();
		assertThat(pidFiles(jar.getParent())).isEmpty();
		assertThat(pidFiles(this.directory)).isEmpty();
	}

	@Test
	void runWhenJarIsInTmpShouldRefuseTheDefaultPidFileNamingTheDirectory() throws Exception {
		// /tmp itself, as a user who copied the jar there would: its default pid file
		// would be in a directory every user can write
		Path jar = this.processes.copyJar(Path.of("/tmp", "bootd-" + UUID.randomUUID() + ".jar"));
		Path pidFile = Path.of("/tmp/sample.pid");
		boolean existedBefore = Files.exists(pidFile);
		try {
			Launch launch = this.processes.run(this.directory, Map.of(), command(jar));
			assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
			assertThat(launch.stderr())
				.contains("Invalid value '/tmp/sample.pid (the default)' for property 'daemon.pid-file'")
				.contains("the directory /tmp is writable by other users, who could replace the pid file");
			assertThat(runningCopies(jar)).as("nothing left running").isEmpty();
			if (!existedBefore) {
				assertThat(pidFile).doesNotExist();
			}
		}
		finally {
			Files.deleteIfExists(jar);
		}
	}

	private List<String> command(Path jar, String... args) {
		List<String> command = new java.util.ArrayList<>(SampleJarProcesses.command(jar, List.of(),
				"--server.port=" + this.port, "--daemon.output-file=" + this.directory.resolve("sample.out"),
				SampleJarProcesses.STARTUP_TIMEOUT));
		command.addAll(List.of(args));
		return command;
	}

	private static List<Path> pidFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".pid")).toList();
		}
	}

	private static List<Long> runningCopies(Path jar) {
		return ProcessHandle.allProcesses()
			.filter((process) -> ProcFacts.isAlive(process.pid()))
			.filter((process) -> ProcFacts.commandLine(process.pid()).contains(jar.toString()))
			.map(ProcessHandle::pid)
			.toList();
	}

}
