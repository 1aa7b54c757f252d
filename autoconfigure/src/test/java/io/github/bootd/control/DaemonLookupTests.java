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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.control.DaemonLookup.Found;
import io.github.bootd.pidfile.PidFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonLookup} on real pid files (the socket path is covered by
 * {@code DeletedPidFileIT}).
 *
 * @author bootd authors
 */
class DaemonLookupTests {

	@TempDir
	Path directory;

	@Test
	void findWhenThePidFileIsLockedShouldFindItsHolder() throws Exception {
		try (PidFile locked = PidFile.acquire(pidFile())) {
			assertThat(new DaemonLookup(pidFile()).find()).isEqualTo(new Found(ProcessHandle.current().pid(), null));
		}
	}

	@Test
	void findWhenNobodyLocksThePidFileShouldFindNobodyWhateverItNames() throws Exception {
		Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n");
		assertThat(new DaemonLookup(pidFile()).find()).isNull();
	}

	@Test
	void stateShouldBeTrustedOnlyForThePidFound() throws Exception {
		DaemonState state = new DaemonState(1234, Instant.parse("2026-11-21T05:00:00Z"), "detached", null, null);
		DaemonStateFile.beside(pidFile()).write(state);
		DaemonLookup lookup = new DaemonLookup(pidFile());
		assertThat(lookup.state(1234)).isEqualTo(state);
		assertThat(lookup.state(4321)).as("a state left by an earlier daemon").isNull();
	}

	private Path pidFile() {
		return this.directory.resolve("app.pid");
	}

}
