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
package io.github.bootd.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonStateFile}.
 *
 * @author bootd authors
 */
class DaemonStateFileTests {

	@TempDir
	Path directory;

	@Test
	void readWhenWrittenWithLaunchCommandShouldKeepEveryByte() throws Exception {
		// Not UTF-8, an empty argument, a quote and a newline: bytes, not text
		List<byte[]> arguments = List.of(new byte[] { '-', 'X', (byte) 0xff }, new byte[0], "it's\nme".getBytes());
		LaunchCommand command = new LaunchCommand(Path.of("/opt/jdk/bin/java"), Path.of("/srv/app"), arguments);
		DaemonStateFile file = DaemonStateFile.beside(this.directory.resolve("app.pid"));
		file.write(new DaemonState(42, Instant.parse("2026-12-01T10:00:00Z"), "detached", null, null, command, null));
		DaemonState read = file.read();
		assertThat(read).isNotNull();
		LaunchCommand recorded = read.launchCommand();
		assertThat(recorded).isNotNull();
		assertThat(recorded.getJvm()).isEqualTo(Path.of("/opt/jdk/bin/java"));
		assertThat(recorded.getDirectory()).isEqualTo(Path.of("/srv/app"));
		assertThat(recorded.getArguments()).containsExactly(arguments.toArray(byte[][]::new));
	}

	@Test
	void readWhenWrittenWithoutLaunchCommandShouldHaveNone() throws Exception {
		DaemonStateFile file = DaemonStateFile.beside(this.directory.resolve("app.pid"));
		file.write(new DaemonState(42, Instant.parse("2026-12-01T10:00:00Z"), "foreground", null, null));
		assertThat(file.read()).isNotNull().extracting(DaemonState::launchCommand).isNull();
	}

}
