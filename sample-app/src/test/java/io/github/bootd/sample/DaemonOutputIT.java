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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the JVM says on its way down is lost: without {@code daemon.output-file} the
 * daemon's stdout and stderr go to {@code <name>.out} beside the pid file, and HotSpot's
 * fatal error log ({@code hs_err_pid<pid>.log}) goes to the same directory unless the
 * user chose {@code -XX:ErrorFile}; {@code /dev/null} is still there for who asks.
 * <p>
 * The sample's own {@code application.properties} sets {@code daemon.output-file}, so
 * these launches read no configuration file but the command line's.
 *
 * @author bootd authors
 */
class DaemonOutputIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	private Path run;

	@BeforeEach
	void setUp() throws Exception {
		// Not the launch directory: the default must follow the pid file
		this.run = Files.createDirectory(this.directory.resolve("run"));
	}

	@Test
	void runWhenOutputFileNotSetShouldAppendToNameDotOutBesideThePidFileWhereAThreadDumpLands() {
		Path output = this.run.resolve("sample.out");
		long pid = start(List.of());
		assertThat(ProcFacts.of(pid).fds()).containsEntry(1, output.toString()).containsEntry(2, output.toString());
		// The JVM prints a thread dump on SIGQUIT to its stdout, whatever bootd does
		SampleDaemon.kill("QUIT", pid);
		assertThat(SampleDaemon.await(() -> SampleJarProcesses.read(output).contains("Full thread dump"),
				SampleDaemon.LAUNCH_TIMEOUT))
			.as("thread dump in %s", output)
			.isTrue();
		assertThat(ProcFacts.isAlive(pid)).isTrue();
	}

	@Test
	void reopenLogsWhenDefaultOutputFileRotatedShouldAppendToANewOneOfTheSameName() throws Exception {
		Path output = this.run.resolve("sample.out");
		long pid = start(List.of());
		Path rotated = Files.move(output, this.run.resolve("sample.out.1"));
		Launch reopen = this.sample.run(command(List.of(), true, "--daemon.action=reopen-logs"));
		assertThat(reopen.exitCode()).as(reopen.output()).isZero();
		assertThat(ProcFacts.of(pid).fds()).containsEntry(1, output.toString())
			.containsEntry(2, output.toString())
			.doesNotContainValue(rotated.toString());
	}

	@Test
	void runWhenDaemonCrashesShouldLeaveHotSpotsErrorLogAndLastWordsBesideThePidFile() throws Exception {
		long pid = start(List.of());
		assertThat(arguments(pid)).contains("-XX:ErrorFile=" + this.run.resolve("hs_err_pid%p.log"));
		// A SIGSEGV that no Java code caused: HotSpot's fatal error handler writes its
		// report
		SampleDaemon.kill("SEGV", pid);
		assertThat(SampleDaemon.awaitExit(pid, SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
		Path errorLog = this.run.resolve("hs_err_pid" + pid + ".log");
		assertThat(SampleDaemon.await(() -> SampleJarProcesses.read(errorLog).contains("SIGSEGV"),
				SampleDaemon.LAUNCH_TIMEOUT))
			.as("HotSpot's error log %s", errorLog)
			.isTrue();
		assertThat(SampleJarProcesses.read(this.run.resolve("sample.out")))
			.contains("A fatal error has been detected by the Java Runtime Environment")
			.contains(errorLog.toString());
	}

	@Test
	void runWhenPidFileOnlyInAConfigFileTheLauncherCannotReadShouldStillPointTheErrorFileThere() throws Exception {
		// A placeholder the launcher does not resolve: it starts the child before it
		// reads the configuration, with a wrong guess that the child must correct
		SampleJarProcesses.write(this.directory.resolve("service.properties"),
				"daemon.pid-file=${service.home}/run/sample.pid\n");
		List<String> command = command(List.of(), false,
				"--spring.config.location=optional:classpath:/none.properties,file:./service.properties",
				"--service.home=" + this.directory);
		Launch launch = this.sample.run(command);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = pidFrom(launch);
		assertThat(arguments(pid)).contains("-XX:ErrorFile=" + this.run.resolve("hs_err_pid%p.log"))
			.filteredOn((argument) -> argument.startsWith("-XX:ErrorFile="))
			.hasSize(1);
		assertThat(ProcFacts.of(pid).fds()).containsEntry(1, this.run.resolve("sample.out").toString());
	}

	@Test
	void runWhenOutputFileIsDevNullShouldDiscardTheOutput() throws Exception {
		long pid = start(List.of(), "--daemon.output-file=/dev/null");
		assertThat(ProcFacts.of(pid).fds()).containsEntry(1, "/dev/null").containsEntry(2, "/dev/null");
		assertThat(this.run.resolve("sample.out")).doesNotExist();
	}

	@Test
	void runWhenUserSetsErrorFileShouldKeepIt() throws Exception {
		Path mine = Files.createDirectory(this.directory.resolve("crashes")).resolve("java-%p.log");
		long pid = start(List.of("-XX:ErrorFile=" + mine));
		assertThat(arguments(pid)).filteredOn((argument) -> argument.startsWith("-XX:ErrorFile="))
			.containsExactly("-XX:ErrorFile=" + mine);
	}

	@Test
	void runWhenUserSetsErrorFileInJavaToolOptionsShouldAddNone() throws Exception {
		Path mine = Files.createDirectory(this.directory.resolve("crashes")).resolve("java-%p.log");
		List<String> command = command(List.of(), true);
		SampleJarProcesses processes = this.daemons.processes();
		Launch launch = processes.run(this.directory, Map.of("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + mine), command);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = pidFrom(launch);
		assertThat(arguments(pid)).noneMatch((argument) -> argument.startsWith("-XX:ErrorFile="));
	}

	/**
	 * Start the sample with its pid file in {@code run/} and no output file unless the
	 * arguments give one, and return the daemon's pid.
	 */
	private long start(List<String> jvmOptions, String... args) {
		Launch launch = this.sample.run(command(jvmOptions, true, args));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		return pidFrom(launch);
	}

	private long pidFrom(Launch launch) {
		Path pidFile = this.run.resolve("sample.pid");
		long pid = SampleJarProcesses.readPid(pidFile).orElseThrow();
		this.sample.remember(pid);
		assertThat(launch.stdout()).contains("daemon: pid " + pid + ", pid file " + pidFile);
		return pid;
	}

	private List<String> command(List<String> jvmOptions, boolean pidFileOnCommandLine, String... args) {
		List<String> arguments = new ArrayList<>(List.of("--spring.config.location=optional:classpath:/none.properties",
				"--daemon.enabled=true", "--spring.application.name=sample", "--server.address=127.0.0.1",
				"--server.port=" + this.sample.port(), "--daemon.startup-timeout=" + SampleDaemon.STARTUP_TIMEOUT));
		if (pidFileOnCommandLine) {
			arguments.add("--daemon.pid-file=" + this.run.resolve("sample.pid"));
		}
		// Spring Boot joins a repeated option with commas: a second location adds a file
		arguments.addAll(Arrays.asList(args));
		return SampleJarProcesses.command(SampleDaemon.jar(), jvmOptions, arguments.toArray(String[]::new));
	}

	/**
	 * The daemon's exact arguments: {@link ProcFacts#commandLine} joins them with spaces.
	 */
	private static List<String> arguments(long pid) throws IOException {
		byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
		return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0"));
	}

}
