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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bootd.launch.handshake.DaemonHandshake;

/**
 * Tests for {@link HotSpotErrorFile}.
 *
 * @author bootd authors
 */
class HotSpotErrorFileTests {

	private static final String MARKER = "-D" + DaemonHandshake.PROPERTY + "=/tmp/bootd-1-x/handshake";

	@Test
	void optionShouldNameAFilePerPidInTheDirectory() {
		assertThat(HotSpotErrorFile.option(Path.of("/run/app"))).isEqualTo("-XX:ErrorFile=/run/app/hs_err_pid%p.log");
	}

	@Test
	void setByUserWhenAJvmOptionShouldBeTrue() {
		JvmCommandLine commandLine = new JvmCommandLine(
				List.of("java", "-XX:ErrorFile=/var/crash/%p.log", "-jar", "a.jar"));
		assertThat(HotSpotErrorFile.setByUser(commandLine, Map.of())).isTrue();
	}

	@Test
	void setByUserWhenInJavaToolOptionsShouldBeTrue() {
		JvmCommandLine commandLine = new JvmCommandLine(List.of("java", "-jar", "a.jar"));
		assertThat(HotSpotErrorFile.setByUser(commandLine, Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g  -XX:ErrorFile=/c/%p")))
			.isTrue();
		assertThat(HotSpotErrorFile.setByUser(commandLine, Map.of("JDK_JAVA_OPTIONS", "-XX:ErrorFile=/c/%p"))).isTrue();
	}

	@Test
	void setByUserWhenOnlyAnApplicationArgumentLooksLikeItShouldBeFalse() {
		JvmCommandLine commandLine = new JvmCommandLine(List.of("java", "-jar", "a.jar", "-XX:ErrorFile=/c/%p"));
		assertThat(HotSpotErrorFile.setByUser(commandLine, Map.of())).isFalse();
	}

	@Test
	void pointsIntoWhenBootdsOptionNamesTheDirectoryShouldBeTrue() {
		List<String> arguments = List.of("java", "-XX:ErrorFile=/run/app/hs_err_pid%p.log", MARKER, "-jar", "a.jar");
		assertThat(HotSpotErrorFile.pointsInto(Path.of("/run/app"), arguments)).isTrue();
	}

	@Test
	void pointsIntoWhenBootdGuessedAnotherDirectoryShouldBeFalse() {
		List<String> arguments = List.of("java", "-XX:ErrorFile=/opt/app/hs_err_pid%p.log", MARKER, "-jar", "a.jar");
		assertThat(HotSpotErrorFile.pointsInto(Path.of("/run/app"), arguments)).isFalse();
	}

	@Test
	void pointsIntoWhenTheUsersOwnOptionShouldBeTrue() {
		// bootd adds nothing then, and the user's options all come after the marker
		assertThat(HotSpotErrorFile.pointsInto(Path.of("/run/app"),
				List.of("java", MARKER, "-XX:ErrorFile=/var/crash/%p.log", "-jar", "a.jar")))
			.isTrue();
		assertThat(HotSpotErrorFile.pointsInto(Path.of("/run/app"),
				List.of("java", MARKER, "-Xmx1g", "-XX:ErrorFile=/var/crash/%p.log", "-jar", "a.jar")))
			.isTrue();
	}

}
