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
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlerCheck} on real processes.
 *
 * @author bootd authors
 */
class HandlerCheckTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void handlesWhenTheProcessHasNoHandlerShouldRefuseAndSayWhy() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(check().handles(sleep.pid(), null, "HUP", "reload", "a SIGHUP would kill it")).isFalse();
			assertThat(err()).isEqualTo("bootd: app (pid " + sleep.pid() + ") cannot handle SIGHUP (its JVM has no"
					+ " handler for it; the daemon's log says why at start-up), so reload did not send it: a SIGHUP"
					+ " would kill it. To reload it with bootd, restart it so that it can handle SIGHUP"
					+ System.lineSeparator());
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void handlesWhenTheCommandLineReservesTheSignalsShouldNameTheOption() throws Exception {
		// $0 of the shell is -Xrs: in /proc/<pid>/cmdline like a JVM option before -jar
		Process shell = new ProcessBuilder("sh", "-c", "echo ready; sleep 30; :", "-Xrs", "-jar",
				"-XX:+ReduceSignalUsage")
			.start();
		try {
			new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8)).readLine();
			assertThat(HandlerCheck.reducedSignalUsageOption(shell.pid())).isEqualTo("-Xrs");
			assertThat(check().handles(shell.pid(), null, "TERM", "stop", "it would end at once")).isFalse();
			assertThat(err()).contains("cannot handle SIGTERM (its JVM runs with -Xrs)")
				.contains("To stop it with bootd, restart it without -Xrs");
		}
		finally {
			shell.descendants().forEach(ProcessHandle::destroyForcibly);
			shell.destroyForcibly();
		}
	}

	@Test
	void handlesWhenTheStateRecordsTheSignalShouldTrustIt() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			DaemonState state = new DaemonState(sleep.pid(), Instant.now(), "detached", Instant.now(), null, null,
					List.of("HUP", "TERM"));
			assertThat(check().handles(sleep.pid(), state, "HUP", "reload", "a SIGHUP would kill it")).isTrue();
			assertThat(err()).isEmpty();
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void handlesWhenNothingCanBeReadShouldSend() {
		assertThat(check().handles(Long.MAX_VALUE, null, "USR1", "reopen-logs", "it would end")).isTrue();
	}

	private HandlerCheck check() {
		return new HandlerCheck("app", new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
