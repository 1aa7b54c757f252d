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
package io.github.bootd.pidfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PidFile}.
 *
 * @author bootd authors
 */
class PidFileTests {

	@TempDir
	Path directory;

	@Test
	void acquireShouldWritePidWithMode0644() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "99999999\nstale content that is longer\n");
		try (PidFile pidFile = PidFile.acquire(path)) {
			assertThat(Files.readString(path)).isEqualTo(ProcessHandle.current().pid() + "\n");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r--r--");
			assertThat(pidFile.isOurs()).isTrue();
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void acquireWhenHeldShouldReportTheHolder() throws Exception {
		Path path = this.directory.resolve("app.pid");
		try (PidFile pidFile = PidFile.acquire(path)) {
			assertThat(PidFile.holder(path)).hasValue(ProcessHandle.current().pid());
			assertThatExceptionOfType(DaemonAlreadyRunningException.class).isThrownBy(() -> PidFile.acquire(path))
				.withMessage("already running (pid " + ProcessHandle.current().pid() + ", pid file " + path + ")");
			assertThat(pidFile.isOurs()).isTrue();
		}
	}

	@Test
	void holderWhenNoFileOrNoLockShouldBeEmpty() throws Exception {
		Path path = this.directory.resolve("app.pid");
		assertThat(PidFile.holder(path)).isEmpty();
		Files.writeString(path, "12345\n");
		assertThat(PidFile.holder(path)).isEmpty();
	}

	@Test
	void closeWhenFileWasReplacedShouldLeaveTheNewOne() throws Exception {
		Path path = this.directory.resolve("app.pid");
		PidFile pidFile = PidFile.acquire(path);
		Files.delete(path);
		Files.writeString(path, "4242\n");
		assertThat(pidFile.isOurs()).isFalse();
		pidFile.close();
		assertThat(path).hasContent("4242");
	}

	@Test
	void acquireWhenSymbolicLinkShouldNotFollowIt() throws Exception {
		Path target = Files.createFile(this.directory.resolve("target"));
		Path path = this.directory.resolve("app.pid");
		Files.createSymbolicLink(path, target);
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> PidFile.acquire(path));
		assertThat(target).isEmptyFile();
	}

	@Test
	void removeStaleShouldRemoveOnlyAnUnlockedFileNamingTheProcess() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "4242\n");
		assertThat(PidFile.removeStale(path, 4343)).isFalse();
		assertThat(PidFile.removeStale(path, 4242)).isTrue();
		assertThat(path).doesNotExist();
		Files.writeString(path, "");
		assertThat(PidFile.removeStale(path, 4242)).isTrue();
		try (PidFile held = PidFile.acquire(path)) {
			assertThat(PidFile.removeStale(path, held.getPid())).isFalse();
			assertThat(path).exists();
		}
	}

}
