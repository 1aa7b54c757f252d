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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon that cannot start is reported by the launching command, which exits non-zero
 * and leaves nothing running.
 *
 * @author bootd authors
 */
class StartFailureIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@Test
	void runWhenPortInUseShouldPrintFailureAnalysisAndExitNonZero() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Launch launch = this.sample.launch("--server.port=" + taken.getLocalPort());
			assertThat(launch.exitCode()).isEqualTo(1);
			assertThat(launch.stderr()).contains("sample (pid ")
				.contains("failed to start")
				.contains("APPLICATION FAILED TO START")
				.contains("Port " + taken.getLocalPort() + " was already in use.")
				.contains("Identify and stop the process that's listening on port " + taken.getLocalPort())
				.contains("the daemon's output is in " + this.sample.outputFile());
			assertThat(this.sample.pidFile()).doesNotExist();
			assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
		}
	}

	@Test
	void runWhenNotReadyInTimeShouldStopTheDaemonAndExitNonZero() {
		// A start-up far longer than the timeout on any machine, fast or loaded
		Launch launch = this.sample.launch("--daemon.startup-timeout=3s", "--sample.slow-start=10m");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(1);
		assertThat(launch.stderr())
			.contains("did not become ready within 3.00 s (daemon.startup-timeout); stopping it");
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
		assertThat(this.sample.pidFile()).doesNotExist();
	}

}
