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
package io.github.bootd.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.bootd.reload.ReloadResult.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadResult}.
 *
 * @author bootd authors
 */
class ReloadResultTests {

	@Test
	void summaryWhenNothingChangedShouldSayNoChange() {
		assertThat(summary(Set.of(), List.of())).isEqualTo("no change");
	}

	@Test
	void summaryWhenOnlyRestartKeysShouldSayNothingAppliedLive() {
		assertThat(summary(Set.of(), List.of("server.port")))
			.isEqualTo("nothing applied live; needs a restart: [server.port]");
	}

	@Test
	void summaryWhenOnlyLiveKeysShouldNotMentionRestart() {
		assertThat(summary(Set.of("b.key", "a.key"), List.of())).isEqualTo("applied live: [a.key, b.key]");
	}

	@Test
	void summaryWhenBothShouldListBothSorted() {
		assertThat(summary(List.of("sample.greeting.message"), Set.of("z.key", "server.port")))
			.isEqualTo("applied live: [sample.greeting.message]; needs a restart: [server.port, z.key]");
	}

	@Test
	void keysShouldBeHeldSortedWithoutDuplicates() {
		ReloadResult result = new ReloadResult(1, Instant.EPOCH, Duration.ZERO, Outcome.APPLIED,
				List.of("b.key", "a.key", "b.key"), List.of("z.key", "server.port"), null);
		assertThat(result.appliedKeys()).containsExactly("a.key", "b.key");
		assertThat(result.restartKeys()).containsExactly("server.port", "z.key");
	}

	private static String summary(Collection<String> appliedKeys, Collection<String> restartKeys) {
		return new ReloadResult(1, Instant.EPOCH, Duration.ZERO, Outcome.APPLIED, appliedKeys, restartKeys, null)
			.summary();
	}

}
