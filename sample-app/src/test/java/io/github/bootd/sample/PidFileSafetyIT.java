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
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pid file names a file bootd truncates at start and deletes at stop: nothing a user
 * wrote may ever be taken for one. A file that is neither empty nor a single pid, and an
 * empty {@code daemon.pid-file}, are refused before anything detaches (exit 6), the file
 * untouched.
 *
 * @author bootd authors
 */
class PidFileSafetyIT {

	private static final String YAML = "sample:\n  greeting:\n    message: kept\n";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenPidFileIsAConfigFileShouldRefuseAndLeaveItAsItWas() throws Exception {
		// The launch directory's application.yml is one Spring Boot reads: the mistake a
		// user makes with --daemon.pid-file=application.yml
		Path config = Files.writeString(this.directory.resolve("application.yml"), YAML);
		FileTime written = Files.getLastModifiedTime(config);
		Launch launch = this.sample.launch("--daemon.pid-file=application.yml");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("Invalid value 'application.yml' for property 'daemon.pid-file'")
			.contains(config + " is not a pid file: it holds 'sample:\\n  greeting:\\n    message: kept\\n'")
			.contains("bootd takes over only an empty file or one that holds a single pid");
		assertThat(launch.stdout()).doesNotContain("Started");
		assertThat(config).hasContent(YAML);
		assertThat(Files.getLastModifiedTime(config)).isEqualTo(written);
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
	}

	@Test
	void runWhenPidFileIsStaleShouldTakeItOver() throws Exception {
		// A pid file left by a killed daemon: one pid, nobody holds its lock
		Files.writeString(this.sample.pidFile(), "999999\n");
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(pid).isNotEqualTo(999999);
		assertThat(ProcFacts.isAlive(pid)).isTrue();
	}

	@Test
	void runWhenPidFileEmptyShouldRefuseInsteadOfUsingTheDefault() {
		Launch launch = this.sample.launch("--daemon.pid-file=");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("Invalid value '' for property 'daemon.pid-file'")
			.contains("it is empty")
			.contains("remove the property to use the default");
		assertThat(launch.stdout()).doesNotContain("Started");
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
	}

	@Test
	void statusWhenPidFileEmptyShouldRefuseWithStatusUnknown() {
		Launch launch = this.sample.launch("--daemon.pid-file=", "--daemon.action=status");
		assertThat(launch.exitCode()).as("LSB: status unknown").isEqualTo(4);
		assertThat(launch.output()).contains("daemon.pid-file").contains("it is empty");
	}

}
