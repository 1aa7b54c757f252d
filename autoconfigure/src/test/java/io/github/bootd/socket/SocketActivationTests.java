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
package io.github.bootd.socket;

import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.github.bootd.process.NativePosix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketActivation}: the variables that do not ask this process to adopt
 * anything. Moving real descriptors is {@code SocketActivationIT}'s, on the packaged
 * sample: in this JVM, descriptor 0 is Surefire's command pipe.
 *
 * @author bootd authors
 */
class SocketActivationTests {

	private static final long PID = 4242;

	/** Fails the test if the adoption touches a descriptor. */
	private static final Supplier<NativePosix> NO_NATIVE_CALLS = () -> {
		throw new AssertionError("no descriptor may be touched");
	};

	@Test
	void adoptWhenListenPidIsAnotherProcessShouldTouchNothing() {
		assertThat(SocketActivation.adopt(Map.of("LISTEN_PID", "4241", "LISTEN_FDS", "1"), PID, NO_NATIVE_CALLS))
			.isNull();
	}

	@Test
	void adoptWhenVariablesAreMissingShouldTouchNothing() {
		assertThat(SocketActivation.adopt(Map.of("LISTEN_FDS", "1"), PID, NO_NATIVE_CALLS)).isNull();
		assertThat(SocketActivation.adopt(Map.of("LISTEN_PID", "4242"), PID, NO_NATIVE_CALLS)).isNull();
		assertThat(SocketActivation.adopt(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), PID, NO_NATIVE_CALLS))
			.isNull();
	}

	@Test
	void adoptWhenListenFdsIsNotANumberShouldWarnAndTouchNothing() {
		SocketActivation activation = SocketActivation.adopt(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "one"), PID,
				NO_NATIVE_CALLS);
		assertThat(activation).isNotNull();
		assertThat(activation.warnings()).singleElement()
			.asString()
			.contains("LISTEN_FDS=one is not a number of descriptors")
			.contains("the web server binds server.port instead");
	}

}
