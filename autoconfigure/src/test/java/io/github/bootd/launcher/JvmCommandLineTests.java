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
package io.github.bootd.launcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JvmCommandLine}.
 *
 * @author bootd authors
 */
class JvmCommandLineTests {

	@Test
	void forDaemonShouldInsertMarkerAndKeepEveryArgumentExactly() {
		JvmCommandLine commandLine = new JvmCommandLine(
				List.of("/usr/bin/java", "-Xmx64m", "-jar", "app.jar", "", "--greeting=two  spaces", "--x="));
		List<String> dropped = new ArrayList<>();
		assertThat(commandLine.forDaemon("-Dmarker=1", JvmCommandLine::isJdwp, dropped)).containsExactly(
				"/usr/bin/java", "-Dmarker=1", "-Xmx64m", "-jar", "app.jar", "", "--greeting=two  spaces", "--x=");
		assertThat(dropped).isEmpty();
	}

	@Test
	void forDaemonShouldDropDebugAgentOnlyAmongJvmOptions() {
		JvmCommandLine commandLine = new JvmCommandLine(
				List.of("java", "-Xdebug", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-cp",
						"-agentlib:jdwp-looking.jar", "com.example.Main", "-agentlib:jdwp=app-argument"));
		List<String> dropped = new ArrayList<>();
		assertThat(commandLine.forDaemon("-Dm=1", JvmCommandLine::isJdwp, dropped)).containsExactly("java", "-Dm=1",
				"-cp", "-agentlib:jdwp-looking.jar", "com.example.Main", "-agentlib:jdwp=app-argument");
		assertThat(dropped).containsExactly("-Xdebug", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005");
	}

	@Test
	void forDaemonShouldLeaveOutTheControlAction() {
		JvmCommandLine commandLine = new JvmCommandLine(List.of("java", "-Ddaemon.action=restart", "-jar", "app.jar",
				"--daemon.action=restart", "--x=-Ddaemon.action=kept"));
		assertThat(commandLine.forDaemon("-Dm=1", JvmCommandLine::isJdwp, new ArrayList<>())).containsExactly("java",
				"-Dm=1", "-jar", "app.jar", "--x=-Ddaemon.action=kept");
	}

	@Test
	void forRelaunchShouldKeepEveryJvmOptionButTheAction() {
		JvmCommandLine commandLine = new JvmCommandLine(
				List.of("java", "-agentlib:jdwp=server=y", "-jar", "app.jar", "--daemon.action=restart", "--x=1"));
		assertThat(commandLine.forRelaunch()).map((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
			.containsExactly("-agentlib:jdwp=server=y", "-jar", "app.jar", "--x=1");
	}

	@Test
	void currentShouldReadThisJvmsCommandLine() throws Exception {
		List<String> arguments = JvmCommandLine.current().arguments();
		assertThat(arguments.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
		assertThat(arguments).hasSizeGreaterThan(1);
	}

}
