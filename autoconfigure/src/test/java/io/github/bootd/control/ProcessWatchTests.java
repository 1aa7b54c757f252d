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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.pidfile.PidFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessWatch} on real processes and a real pid file lock.
 *
 * @author bootd authors
 */
class ProcessWatchTests {

	@TempDir
	Path directory;

	@Test
	void awaitGoneWhenTheProcessRunsShouldGiveUpAndWhenKilledShouldSeeItGone() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(ProcessWatch.awaitGone(sleep.toHandle(), Duration.ofMillis(200))).isFalse();
			sleep.destroyForcibly();
			assertThat(ProcessWatch.awaitGone(sleep.toHandle(), Duration.ofSeconds(30))).isTrue();
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void awaitGoneWhenTheProcessIsAZombieShouldSeeItGone() throws Exception {
		// The shell starts a child that exits at once, then becomes a sleep that never
		// waits for it: the child stays a zombie (until the sleep, killed below, ends),
		// alive to kill(2) but gone for us
		Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 300").start();
		try {
			long zombie = Long
				.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
					.readLine()
					.strip());
			ProcessHandle handle = ProcessHandle.of(zombie).orElseThrow();
			assertThat(ProcessWatch.awaitGone(handle, Duration.ofSeconds(30))).isTrue();
			assertThat(ProcessWatch.isZombie(zombie)).isTrue();
			assertThat(handle.isAlive()).as("a zombie is alive to kill(2)").isTrue();
		}
		finally {
			parent.destroyForcibly();
		}
	}

	@Test
	void isZombieWhenRunningOrGoneShouldBeFalse() {
		assertThat(ProcessWatch.isZombie(ProcessHandle.current().pid())).isFalse();
		assertThat(ProcessWatch.isZombie(Long.MAX_VALUE)).isFalse();
	}

	@Test
	void awaitUnlockedShouldWaitForTheHolderToReleaseTheLock() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		long pid = ProcessHandle.current().pid();
		try (PidFile locked = PidFile.acquire(pidFile)) {
			assertThat(ProcessWatch.awaitUnlocked(pidFile, pid, Duration.ofMillis(200))).isFalse();
		}
		assertThat(ProcessWatch.awaitUnlocked(pidFile, pid, Duration.ofSeconds(10))).isTrue();
	}

}
