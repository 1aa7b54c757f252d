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
package io.github.bootd.reload;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file location Spring Boot looked for while reading the configuration, and what was
 * there: nothing, a file, or a directory with its visible subdirectories (a
 * {@code config/*}{@code /} location loads every one of them).
 *
 * @param path the absolute path
 * @param state {@code null} if nothing was there, else the file or the subdirectory names
 * @author bootd authors
 */
record FileProbe(String path, @Nullable List<String> state) {

	/** A name no directory entry can have. */
	private static final List<String> FILE = List.of("/");

	static FileProbe of(String path) {
		return new FileProbe(path, stateOf(path));
	}

	boolean isFile() {
		return FILE.equals(this.state);
	}

	/**
	 * Return whether the same is there now.
	 * @return whether nothing appeared, vanished or changed kind
	 */
	boolean unchanged() {
		return Objects.equals(this.state, stateOf(this.path));
	}

	private static @Nullable List<String> stateOf(String path) {
		File file = new File(path);
		if (file.isFile()) {
			return FILE;
		}
		if (!file.isDirectory()) {
			return null;
		}
		String[] subdirectories = file
			.list((parent, name) -> !name.startsWith("..") && new File(parent, name).isDirectory());
		if (subdirectories == null) {
			return null;
		}
		Arrays.sort(subdirectories);
		return List.of(subdirectories);
	}

}
