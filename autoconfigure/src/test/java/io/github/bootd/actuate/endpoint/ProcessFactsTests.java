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
package io.github.bootd.actuate.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessFacts}.
 *
 * @author bootd authors
 */
class ProcessFactsTests {

	@Test
	@EnabledOnOs(OS.LINUX)
	void readWhenProcExistsShouldAgreeWithTheJvmAndPs() throws Exception {
		ProcessFacts facts = ProcessFacts.read();
		ProcessHandle self = ProcessHandle.current();
		assertThat(facts.pid()).isEqualTo(self.pid());
		assertThat(facts.ppid()).isEqualTo(self.parent().orElseThrow().pid());
		// ps shows 0 where the leader is outside this pid namespace (a CI container):
		// absent
		String[] ps = ps(self.pid());
		assertThat(facts.pgid()).isEqualTo(leaderId(ps[0]));
		assertThat(facts.sid()).isEqualTo(leaderId(ps[1]));
		// ps names no terminal "?", where the endpoint says "none"
		assertThat(facts.terminal()).isEqualTo(ps[2].equals("?") ? "none" : ps[2]);
		assertThat(facts.uid()).isEqualTo(Long.parseLong(ps[3]));
		assertThat(facts.user()).isEqualTo(ps[4]);
		// A child inherits the umask: the shell's umask builtin reports this JVM's
		assertThat(facts.umask()).isEqualTo(run("sh", "-c", "umask"));
		assertThat(facts.workingDirectory()).isEqualTo(Path.of("").toAbsolutePath().toString());
	}

	@Test
	void readWhenSessionLeaderIsOutsideThePidNamespaceShouldLeaveGroupAndSessionOut(@TempDir Path proc)
			throws IOException {
		// As /proc/self/stat reads in `unshare -p -f --mount-proc` started from a shell
		Files.writeString(proc.resolve("stat"), "2 (java) S 1 0 0 0 -1 0\n");
		ProcessFacts facts = ProcessFacts.read(proc, proc.resolve("passwd"));
		assertThat(facts.ppid()).isEqualTo(1);
		assertThat(facts.pgid()).isNull();
		assertThat(facts.sid()).isNull();
	}

	@Test
	void readWhenProcIsAbsentShouldLeaveOsFieldsOut(@TempDir Path directory) {
		ProcessFacts facts = ProcessFacts.read(directory.resolve("no-proc"), directory.resolve("no-passwd"));
		assertThat(facts.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(facts.ppid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(null));
		assertThat(facts.pgid()).isNull();
		assertThat(facts.sid()).isNull();
		assertThat(facts.terminal()).isNull();
		assertThat(facts.uid()).isNull();
		assertThat(facts.umask()).isNull();
		assertThat(facts.workingDirectory()).isNull();
		assertThat(facts.user()).isEqualTo(System.getProperty("user.name"));
	}

	@Test
	void readWhenCommandNameHasParenthesesShouldFindTheFieldsAfterIt(@TempDir Path proc) throws IOException {
		// pts/3 is major 136, minor 3: tty_nr 136 << 8 | 3
		Files.writeString(proc.resolve("stat"), "4242 (we (ir) d) S 17 4242 4242 " + ((136 << 8) | 3) + " -1 0\n");
		Files.writeString(proc.resolve("status"), "Name:\tx\nUmask:\t0027\nUid:\t1000\t1001\t1001\t1001\n");
		Files.createSymbolicLink(proc.resolve("cwd"), Path.of("/var/lib/sample"));
		Path passwd = Files.writeString(proc.resolve("passwd"),
				"root:x:0:0::/root:/bin/sh\nsvc:x:1001:1001::/:/bin/false\n");
		ProcessFacts facts = ProcessFacts.read(proc, passwd);
		assertThat(facts.ppid()).isEqualTo(17);
		assertThat(facts.pgid()).isEqualTo(4242);
		assertThat(facts.sid()).isEqualTo(4242);
		assertThat(facts.terminal()).isEqualTo("pts/3");
		assertThat(facts.umask()).isEqualTo("0027");
		assertThat(facts.uid()).isEqualTo(1001);
		assertThat(facts.user()).isEqualTo("svc");
		assertThat(facts.workingDirectory()).isEqualTo("/var/lib/sample");
	}

	@Test
	void readWhenNoControllingTerminalShouldSayNone(@TempDir Path proc) throws IOException {
		Files.writeString(proc.resolve("stat"), "4242 (java) S 1 4242 4242 0 -1 0\n");
		assertThat(ProcessFacts.read(proc, proc.resolve("passwd")).terminal()).isEqualTo("none");
	}

	private static String[] ps(long pid) throws Exception {
		// euser with a width, or ps prints a long name as the uid
		return run("ps", "-o", "pgid=,sid=,tty=,euid=,euser:64=", "-p", Long.toString(pid)).split("\\s+");
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes()).trim();
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static @Nullable Long leaderId(String ps) {
		long id = Long.parseLong(ps);
		return (id > 0) ? id : null;
	}

}
