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
package io.github.bootd.pidfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LockSocket}.
 *
 * @author bootd authors
 */
class LockSocketTests {

	@TempDir
	Path directory;

	@Test
	void nameShouldBeThePrefixAndTheStartOfTheSha256OfTheCanonicalPath() {
		// A daemon of one bootd version and an action of another must agree on the name:
		// printf '%s' /nonexistent-bootd-test/run/app.pid | sha256sum
		assertThat(LockSocket.name(Path.of("/nonexistent-bootd-test/run/app.pid")))
			.isEqualTo("bootd/0e09fe6fc2f5ce780c6ce5ab09c84684");
		assertThat(LockSocket.name(Path.of("/nonexistent-bootd-test/run/app.pid")).getBytes(StandardCharsets.UTF_8))
			.as("within the 107 bytes of an abstract name")
			.hasSizeLessThan(107);
	}

	@Test
	void nameWhenTheSameFileIsSpelledDifferentlyShouldBeTheSame() throws Exception {
		Path real = Files.createDirectory(this.directory.toRealPath().resolve("real"));
		Path link = Files.createSymbolicLink(this.directory.resolve("link"), real);
		String name = LockSocket.name(real.resolve("app.pid"));
		assertThat(LockSocket.name(link.resolve("app.pid"))).as("through a symlinked directory").isEqualTo(name);
		assertThat(LockSocket.name(real.resolve("sub/../app.pid"))).as("with ..").isEqualTo(name);
		assertThat(LockSocket.name(Path.of("").toAbsolutePath().relativize(real.resolve("app.pid"))))
			.as("relative to the working directory")
			.isEqualTo(name);
		assertThat(LockSocket.name(real.resolve("other.pid"))).as("another file").isNotEqualTo(name);
	}

	@Test
	void nameWhenTheDirectoryIsGoneShouldStayTheSame() throws Exception {
		Path real = Files.createDirectory(this.directory.toRealPath().resolve("real"));
		Path run = Files.createDirectory(real.resolve("run"));
		Path link = Files.createSymbolicLink(this.directory.resolve("link"), real);
		String before = LockSocket.name(link.resolve("run/app.pid"));
		Files.delete(run);
		assertThat(LockSocket.name(link.resolve("run/app.pid"))).isEqualTo(before);
	}

	@Test
	void bindWhenHeldShouldRefuseNamingTheHolderFoundThroughProc() throws Exception {
		Path pidFile = this.directory.resolve("app.pid");
		long pid = ProcessHandle.current().pid();
		try (LockSocket socket = LockSocket.bind(pidFile)) {
			assertThat(socket.isHeld()).as(String.valueOf(socket.getProblem())).isTrue();
			assertThat(Files.readString(Path.of("/proc/net/unix"))).contains(socket.displayName());
			assertThat(LockSocket.holder(pidFile))
				.isEqualTo(new LockSocket.Holder(pid, (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
			assertThatExceptionOfType(DaemonAlreadyRunningException.class).isThrownBy(() -> LockSocket.bind(pidFile))
				.satisfies((ex) -> assertThat(ex.getPid()).isEqualTo(pid));
			assertThat(pidFile).as("nothing on disk").doesNotExist();
		}
		assertThat(LockSocket.holder(pidFile)).as("freed on close").isNull();
	}

}
