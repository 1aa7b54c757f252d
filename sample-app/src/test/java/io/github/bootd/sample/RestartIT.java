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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --daemon.action=restart} brings back the daemon that ran, from the record it
 * made at start (docs/control.md): its JVM binary, its options and arguments byte for
 * byte, its launch directory; not the JVM, options, arguments or directory of the command
 * that asked for the restart.
 *
 * @author bootd authors
 */
class RestartIT {

	/**
	 * A second JDK, when the machine has one: the daemon must come back on its own JVM.
	 */
	private static final Path OTHER_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final Path elsewhere = this.daemons.newDirectory();

	@Test
	void restartWhenAskedFromAnotherJvmAndDirectoryShouldRelaunchTheDaemonsOwnCommand() throws Exception {
		Path restartJava = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
		Path startJava = Files.isExecutable(OTHER_JAVA) ? OTHER_JAVA.toRealPath() : restartJava;
		SampleDaemon daemon = this.daemons.sample();
		SampleDaemon restarter = this.daemons.sample(this.elsewhere);
		List<String> start = daemon.command(List.of("-Xmx123m", "-Dbootd.it.origin=first-start"),
				"--sample.greeting.message=from the first start", "--daemon.output-file=first.out");
		start.set(0, startJava.toString());
		Launch started = daemon.run(start);
		assertThat(started.exitCode()).as(started.output()).isZero();
		long first = daemon.pid();

		// Another JVM (when there is one), other options, another directory, another
		// greeting: none of it may reach the restarted daemon
		List<String> restart = daemon.command(List.of("-Xmx77m", "-Dbootd.it.origin=restart-command"),
				"--sample.greeting.message=from the restart command", "--daemon.action=restart");
		restart.set(0, restartJava.toString());
		Launch restarted = restarter.run(restart);
		daemon.remember(restarted);
		assertThat(restarted.exitCode()).as(restarted.output()).isZero();
		assertThat(restarted.stdout()).contains("Stopped sample (pid " + first + ")").contains("Started sample");
		long second = daemon.pid();
		assertThat(second).isNotEqualTo(first);
		assertThat(ProcFacts.isAlive(first)).isFalse();

		assertThat(Path.of("/proc", Long.toString(second), "exe").toRealPath()).isEqualTo(startJava);
		List<String> arguments = arguments(second);
		assertThat(arguments).contains("-Xmx123m", "-Dbootd.it.origin=first-start",
				"--sample.greeting.message=from the first start", "--daemon.output-file=first.out");
		assertThat(arguments).doesNotContain("-Xmx77m", "-Dbootd.it.origin=restart-command",
				"--sample.greeting.message=from the restart command");
		assertThat(arguments).noneMatch((argument) -> argument.contains("daemon.action"));
		// The relative output file resolves against the first start's directory
		assertThat(ProcFacts.of(second).fds().get(1)).isEqualTo(this.directory.resolve("first.out").toString());
		assertThat(daemon.get("/greeting").body()).isEqualTo("from the first start");
	}

	private static List<String> arguments(long pid) throws Exception {
		byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
		return new ArrayList<>(Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0")));
	}

}
