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
package io.github.bootd.signal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandleableSignals} in the test JVM, which runs without {@code -Xrs}
 * (the refusals are tested on real processes in {@code ReservedSignalsIT}).
 *
 * @author bootd authors
 */
class HandleableSignalsTests {

	@Test
	void canHandleWhenTheJvmAllowsItShouldPutThePreviousHandlerBack() {
		Signal usr2 = new Signal("USR2");
		SignalHandler mine = (signal) -> {
		};
		SignalHandler original = Signal.handle(usr2, mine);
		try {
			assertThat(HandleableSignals.canHandle("USR2")).isTrue();
			assertThat(Signal.handle(usr2, mine)).isSameAs(mine);
		}
		finally {
			Signal.handle(usr2, original);
		}
	}

	@Test
	void refusedToDetachWhenTheJvmHandlesHupAndTermShouldBeEmpty() {
		assertThat(HandleableSignals.refusedToDetach()).isEmpty();
	}

	@Test
	void reducedSignalUsageOptionShouldNameTheOptionThatWins() {
		assertThat(HandleableSignals.reducedSignalUsageOption(List.of("-Xmx64m", "-Xrs"))).isEqualTo("-Xrs");
		assertThat(HandleableSignals.reducedSignalUsageOption(List.of("-XX:+ReduceSignalUsage")))
			.isEqualTo("-XX:+ReduceSignalUsage");
		assertThat(HandleableSignals.reducedSignalUsageOption(List.of("-Xrs", "-XX:-ReduceSignalUsage"))).isNull();
		assertThat(HandleableSignals.reducedSignalUsageOption(List.of("-Xmx64m"))).isNull();
	}

	@Test
	void describeShouldJoinNamesAsAReaderKnowsThem() {
		assertThat(HandleableSignals.describe(List.of("HUP"))).isEqualTo("SIGHUP");
		assertThat(HandleableSignals.describe(List.of("HUP", "TERM"))).isEqualTo("SIGHUP and SIGTERM");
		assertThat(HandleableSignals.describe(List.of("HUP", "INT", "TERM"))).isEqualTo("SIGHUP, SIGINT and SIGTERM");
	}

	@Test
	void caughtShouldReadTheSignalsBitOfAnotherProcessByItsNumberOnThisPlatform() throws Exception {
		// The shell installs a handler for USR1 only; its neighbours in the mask (SIGKILL
		// below, SIGSEGV above on Linux) are not caught, so an off-by-one bit reads false
		Process shell = new ProcessBuilder("sh", "-c", "trap 'exit 0' USR1; echo ready; while :; do sleep 1; done")
			.start();
		try {
			String ready = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			assertThat(ready).isEqualTo("ready");
			assertThat(HandleableSignals.caught(shell.pid(), "USR1")).isTrue();
			assertThat(HandleableSignals.caught(shell.pid(), "USR2")).isFalse();
		}
		finally {
			shell.descendants().forEach(ProcessHandle::destroyForcibly);
			shell.destroyForcibly();
		}
	}

	@Test
	void caughtWhenTheProcessIsGoneShouldBeUnknown() {
		assertThat(HandleableSignals.caught(Long.MAX_VALUE, "HUP")).isNull();
	}

}
