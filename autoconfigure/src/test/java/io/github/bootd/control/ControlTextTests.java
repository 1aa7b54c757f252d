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

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.bootd.reload.ReloadResult;
import io.github.bootd.reload.ReloadResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControlText}: the words the control actions print.
 *
 * @author bootd authors
 */
class ControlTextTests {

	private static final Instant TIME = Instant.parse("2026-11-21T06:00:00Z");

	@Test
	void lastReloadWhenAppliedShouldSayWhenWithoutTheKeys() {
		ReloadResult reload = new ReloadResult(2, TIME, Duration.ofMillis(42), Outcome.APPLIED, List.of("a.key"),
				List.of(), null);
		assertThat(ControlText.lastReload(reload, TIME.plusSeconds(62))).isEqualTo("last reload #2 applied 1m02s ago");
	}

	@Test
	void lastReloadWhenRejectedShouldGiveTheReason() {
		ReloadResult reload = new ReloadResult(3, TIME, Duration.ofMillis(42), Outcome.FAILED, List.of(), List.of(),
				"application.yml: server.port: not a number");
		assertThat(ControlText.lastReload(reload, TIME.plusSeconds(5)))
			.isEqualTo("last reload #3 rejected 5s ago: application.yml: server.port: not a number");
	}

	@Test
	void appliedShouldGiveTheDurationAndTheSummary() {
		ReloadResult reload = new ReloadResult(1, TIME, Duration.ofMillis(12), Outcome.APPLIED,
				List.of("b.key", "a.key"), List.of("server.port"), null);
		assertThat(ControlText.applied(reload))
			.isEqualTo("reload #1 applied in 12 ms: applied live: [a.key, b.key]; needs a restart: [server.port]");
	}

	@Test
	void cannotReadShouldSayWhatToDoWhenItIsAPermission() {
		Path pidFile = Path.of("/run/app/app.pid");
		assertThat(ControlText.cannotRead(pidFile, new AccessDeniedException(pidFile.toString())))
			.isEqualTo("bootd: cannot read the pid file /run/app/app.pid (permission denied): run the action as the"
					+ " user the daemon runs as, or as root");
		assertThat(ControlText.cannotRead(pidFile, new NoSuchFileException("/run/app")))
			.isEqualTo("bootd: cannot read the pid file /run/app/app.pid: /run/app");
	}

}
