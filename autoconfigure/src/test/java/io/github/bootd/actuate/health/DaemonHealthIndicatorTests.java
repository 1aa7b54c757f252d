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
package io.github.bootd.actuate.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.OutcomeEvents;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonHealthIndicator}.
 *
 * @author bootd authors
 */
class DaemonHealthIndicatorTests {

	@TempDir
	Path directory;

	private DaemonRuntime runtime;

	private final DaemonActivity activity = new DaemonActivity();

	private DaemonHealthIndicator indicator;

	@BeforeEach
	void createRuntime() throws IOException {
		this.runtime = TestDaemonRuntime.create(this.directory);
		this.indicator = new DaemonHealthIndicator(this.runtime, this.activity);
	}

	@AfterEach
	void closeRuntime() {
		this.runtime.close();
	}

	@Test
	void healthWhenPidFileIsHeldShouldBeUp() {
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("pid", ProcessHandle.current().pid())
			.containsEntry("pidFile", this.directory.resolve("daemon.pid").toString())
			.containsEntry("pidFileState", "held")
			.doesNotContainKey("problem");
	}

	@Test
	void healthWhenPidFileIsDeletedShouldBeDownAndSayWhatToDo() throws IOException {
		// unlink(2) opens no descriptor: the lock survives, the name is gone
		Files.delete(this.directory.resolve("daemon.pid"));
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("pidFileState", "deleted");
		assertThat((String) health.getDetails().get("problem")).contains("was deleted")
			.contains(this.directory.resolve("daemon.pid").toString())
			.contains("Restart the daemon");
	}

	@Test
	void healthWhenPidFileIsReplacedShouldBeDownAndNameTheOtherPid() throws IOException {
		Path other = Files.writeString(this.directory.resolve("other.pid"), "99999\n");
		Files.move(other, this.directory.resolve("daemon.pid"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("pidFileState", "replaced").containsEntry("pidFileNames", 99999L);
		assertThat((String) health.getDetails().get("problem")).contains("naming pid 99999");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void healthWhenPidFileIsOpenedAndClosedByPathShouldReportTheLockLost() throws IOException {
		// The trap the pid file guards against: closing any descriptor of the file drops
		// the process' POSIX locks (fcntl(2)), although the JVM's FileLock stays "valid"
		Files.readString(this.directory.resolve("daemon.pid"));
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("pidFileState", "lock_lost");
		assertThat((String) health.getDetails().get("problem")).contains("no longer holds the lock");
	}

	@Test
	void healthWhenLastReloadFailedShouldStayUpAndShowTheError() {
		OutcomeEvents.reload(this.activity, new ReloadResult(1, Instant.now(), Duration.ofMillis(12), Outcome.FAILED,
				Set.of(), Set.of(), "application.properties: sample.greeting.message must not be blank"));
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("reloadFailures", 1L);
		@SuppressWarnings("unchecked")
		Map<String, Object> lastReload = (Map<String, Object>) health.getDetails().get("lastReload");
		assertThat(lastReload).containsEntry("outcome", "failed")
			.containsEntry("generation", 1L)
			.hasEntrySatisfying("error", (error) -> assertThat((String) error).contains("must not be blank")
				.contains("previous configuration is still in effect"));
	}

}
