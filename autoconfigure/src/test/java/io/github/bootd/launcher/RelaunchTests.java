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
package io.github.bootd.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.control.LaunchCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Relaunch}.
 *
 * @author bootd authors
 */
class RelaunchTests {

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	@TempDir
	Path directory;

	@Test
	void problemWhenRecordIsSoundShouldBeNone() throws Exception {
		Path state = Files.createFile(this.directory.resolve("app.state"));
		assertThat(new Relaunch(new LaunchCommand(JAVA, this.directory, List.of()), state).problem()).isNull();
	}

	@Test
	void problemWhenLaunchDirectoryIsGoneShouldNameIt() throws Exception {
		Path state = Files.createFile(this.directory.resolve("app.state"));
		Path gone = this.directory.resolve("release-41");
		assertThat(new Relaunch(new LaunchCommand(JAVA, gone, List.of()), state).problem())
			.isEqualTo("the directory it was launched from, " + gone + ", is gone");
	}

	@Test
	void problemWhenRecordBelongsToAnotherUserShouldRefuseToRunIt() throws Exception {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file away");
		Path state = Files.createFile(this.directory.resolve("app.state"));
		UserPrincipal nobody = state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		Files.setOwner(state, nobody);
		assertThat(new Relaunch(new LaunchCommand(JAVA, this.directory, List.of()), state).problem())
			.isEqualTo("its launch record " + state + " belongs to nobody, and this restart runs as root: run the"
					+ " restart as nobody, or stop it and start it again with your own start command (an init"
					+ " script's restart does)");
	}

}
