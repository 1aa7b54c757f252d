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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.bootd.control.KillCommand.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KillCommand} with the real {@code /bin/kill}.
 *
 * @author bootd authors
 */
class KillCommandTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void sendWhenTheProcessRunsShouldDeliverTheSignalByName() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(kill().send(sleep.pid(), "TERM")).isEqualTo(LsbExitStatus.OK);
			assertThat(sleep.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// Killed by the signal: the shell's 128 + n, the JDK's exit value n + 128
			assertThat(sleep.exitValue()).isEqualTo(128 + new sun.misc.Signal("TERM").getNumber());
			assertThat(err()).isEmpty();
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void sendWhenTheProcessIsGoneShouldBeNotRunningFromKillsOwnWords() throws Exception {
		Process exited = new ProcessBuilder("true").start();
		assertThat(exited.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(kill().send(exited.pid(), "HUP")).isEqualTo(LsbExitStatus.NOT_RUNNING);
		assertThat(err()).isEqualTo("bootd: app (pid " + exited.pid() + ") is not running" + System.lineSeparator());
	}

	@Test
	void sendWhenTheSignalIsUnknownShouldFailWithWhatKillSaid() {
		assertThat(kill().send(ProcessHandle.current().pid(), "NOSUCHSIGNAL")).isEqualTo(LsbExitStatus.FAILED);
		assertThat(err()).startsWith("bootd: could not send SIGNOSUCHSIGNAL to app (pid ")
			.contains(KillCommand.KILL + " exited with ");
	}

	@Test
	void refusalShouldReadStrerrorsWordsAsProcpsAndUtilLinuxPrintThem() {
		// Root may signal anyone, so EPERM is read from kill's words as printed
		assertThat(Refusal.of("kill: (1): Operation not permitted")).isEqualTo(Refusal.NOT_PERMITTED);
		assertThat(Refusal.of("kill: sending signal to 1 failed: Operation not permitted"))
			.isEqualTo(Refusal.NOT_PERMITTED);
		assertThat(Refusal.of("kill: (42): No such process")).isEqualTo(Refusal.NO_SUCH_PROCESS);
		assertThat(Refusal.of("kill: unknown signal name")).isNull();
	}

	private KillCommand kill() {
		return new KillCommand("app", new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
