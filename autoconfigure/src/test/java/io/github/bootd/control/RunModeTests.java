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

import org.junit.jupiter.api.Test;

import io.github.bootd.Supervisor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunMode}: the words of the state file and of the endpoint.
 *
 * @author bootd authors
 */
class RunModeTests {

	@Test
	void ofWhenDetachedShouldBeDetachedWhateverTheSupervisor() {
		assertThat(RunMode.of(true, Supervisor.NONE)).isEqualTo(RunMode.DETACHED);
		assertThat(RunMode.of(true, Supervisor.SYSTEMD)).isEqualTo(RunMode.DETACHED);
	}

	@Test
	void ofWhenInTheForegroundShouldFollowTheSupervisor() {
		assertThat(RunMode.of(false, Supervisor.SYSTEMD)).isEqualTo(RunMode.SYSTEMD);
		assertThat(RunMode.of(false, Supervisor.CONTAINER)).isEqualTo(RunMode.CONTAINER);
		assertThat(RunMode.of(false, Supervisor.NONE)).isEqualTo(RunMode.FOREGROUND);
	}

	@Test
	void wordsShouldStayWhatTheStateFileAndTheEndpointAlwaysSaid() {
		assertThat(RunMode.values()).extracting(RunMode::stateText)
			.containsExactly("detached", "foreground under systemd", "foreground as PID 1", "foreground");
		assertThat(RunMode.values()).extracting(RunMode::endpointName)
			.containsExactly("detached", "systemd", "container", "foreground");
	}

}
