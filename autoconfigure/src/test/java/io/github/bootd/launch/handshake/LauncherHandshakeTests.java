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

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LauncherHandshake}.
 *
 * @author bootd authors
 */
class LauncherHandshakeTests {

	@Test
	void openShouldListenInAPrivateDirectoryThatCloseRemoves() throws Exception {
		Path directory;
		try (LauncherHandshake first = LauncherHandshake.open(); LauncherHandshake second = LauncherHandshake.open()) {
			directory = first.socket().getParent();
			assertThat(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)).isTrue();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
			assertThat(first.socket()).exists();
			assertThat(second.socket().getParent()).isNotEqualTo(directory);
		}
		assertThat(directory).doesNotExist();
	}

}
