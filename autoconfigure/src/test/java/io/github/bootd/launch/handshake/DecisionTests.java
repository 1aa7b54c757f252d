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

package io.github.bootd.launch.handshake;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Decision}.
 *
 * @author bootd authors
 */
class DecisionTests {

	@Test
	void decodeShouldReturnEveryFieldEncoded() {
		Decision decision = new Decision("my-app", Path.of("/run/my app/a=b.pid"), Path.of("/var/log/my-app.out"),
				Duration.ofMillis(61_500));
		assertThat(Decision.decode(decision.encode())).isEqualTo(decision);
	}

	@Test
	void decodeWhenOutputIsDiscardedShouldReturnNoOutputFile() {
		Decision decision = new Decision("my=app", Path.of("/run/my-app/my-app.pid"), null, Duration.ofSeconds(60));
		Decision decoded = Decision.decode(decision.encode());
		assertThat(decoded).isEqualTo(decision);
		assertThat(decoded.output()).isEqualTo("/dev/null");
	}

	@Test
	void encodeShouldNameEachSettingAsTheUserDoes() {
		assertThat(new Decision("my-app", Path.of("/a.pid"), null, Duration.ofSeconds(2)).encode())
			.contains("daemon.pid-file=/a.pid", "daemon.output-file=", "daemon.startup-timeout=2000");
	}

}
