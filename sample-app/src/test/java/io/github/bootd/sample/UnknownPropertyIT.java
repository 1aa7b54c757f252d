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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unknown {@code daemon.*} key, from any property source, is reported with a WARN
 * naming the nearest known key, on the launching command's output and in the log, and
 * nothing is refused for it: a configuration written for a newer bootd may meet an older
 * one.
 *
 * @author bootd authors
 */
class UnknownPropertyIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	private final SampleJarProcesses processes = this.daemons.processes();

	@Test
	void runWhenKeysMisspelledInEverySourceShouldWarnOnTheLaunchersOutputAndInTheDaemonsLog() throws Exception {
		SampleJarProcesses.write(this.directory.resolve("application.yml"), "daemon:\n  pidfle: other.pid\n");
		Path log = this.directory.resolve("app.log");
		List<String> command = this.sample.command(List.of("-Ddaemon.ouput-file=other.out"), "--daemon.umaks=027",
				"--logging.file.name=" + log);
		Launch launch = this.processes.run(this.directory, Map.of("DAEMON_STOPTIMOUT", "5s"), command);
		this.sample.remember(launch);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		List<String> warnings = List.of(
				"unknown property daemon.umaks (from \"daemon.umaks\" from property source \"commandLineArgs\") "
						+ "is ignored; did you mean daemon.umask?",
				"unknown property daemon.ouput-file (from \"daemon.ouput-file\" from property source "
						+ "\"systemProperties\") is ignored; did you mean daemon.output-file?",
				"unknown property daemon.stoptimout (from System Environment Property \"DAEMON_STOPTIMOUT\") "
						+ "is ignored; did you mean daemon.stop-timeout?");
		for (String warning : warnings) {
			assertThat(launch.stderr()).contains("bootd: warning: " + warning);
		}
		// Once: the daemon child reports them, the launcher adds none of its own
		assertThat(launch.stderr().split("unknown property daemon.umaks", -1)).hasSize(2);
		assertThat(launch.stderr()).contains("unknown property daemon.pidfle (from")
			.contains("application.yml")
			.contains("did you mean daemon.pid-file?");
		// Ignored, not refused: the daemon runs with the defaults of what was misspelled
		assertThat(ProcFacts.of(this.sample.pid()).status().get("Umask")).isEqualTo("0022");
		for (Path file : List.of(this.sample.outputFile(), log)) {
			String text = SampleJarProcesses.awaitText(file, warnings.get(0));
			assertThat(text).as(file.toString())
				.contains(warnings.get(1))
				.contains(warnings.get(2))
				.contains("unknown property daemon.pidfle (from");
			assertThat(text.lines().filter((line) -> line.contains("unknown property daemon.umaks")))
				.as(file.toString())
				.singleElement()
				.asString()
				.contains("WARN");
		}
	}

	@Test
	void runWhenDaemonEnabledMisspelledShouldWarnWhileTheApplicationRunsInTheForeground() throws Exception {
		// daemon.enabled is not set anywhere: bootd is off, and only the WARN says why
		SampleJarProcesses.write(this.directory.resolve("service.yml"), "daemon:\n  enable: true\n");
		Path log = this.directory.resolve("app.log");
		Path output = this.directory.resolve("foreground.out");
		List<String> command = SampleJarProcesses.command(SampleDaemon.jar(), List.of(),
				"--spring.config.location=optional:classpath:/none.properties,file:./service.yml",
				"--server.address=127.0.0.1", "--server.port=" + this.sample.port(), "--logging.file.name=" + log);
		Process process = this.processes.start(this.directory, Map.of(), command, output);
		String warning = "unknown property daemon.enable (from";
		assertThat(SampleJarProcesses.awaitText(output, warning)).contains("did you mean daemon.enabled?");
		assertThat(SampleJarProcesses.awaitText(log, warning)).contains("did you mean daemon.enabled?");
		assertThat(process.isAlive()).as("runs in the foreground").isTrue();
	}

	@Test
	void runWhenValueInvalidAndKeyMisspelledShouldWarnAndRefuse() {
		Launch launch = this.sample.launch("--daemon.umask=99", "--daemon.stop-timout=5s");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("bootd: warning: unknown property daemon.stop-timout (from")
			.contains("did you mean daemon.stop-timeout?")
			.contains("Invalid value '99' for property 'daemon.umask'");
	}

	@Test
	void actionWhenKeyMisspelledShouldWarnOnStandardError() {
		Launch launch = this.sample.launch("--daemon.action=status", "--daemon.stop-timout=5s");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(3);
		assertThat(launch.stderr()).contains("bootd: warning: unknown property daemon.stop-timout (from")
			.contains("did you mean daemon.stop-timeout?");
	}

}
