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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertySource;

/**
 * The files the running configuration was read from, and a refusal to reload once one of
 * them is gone.
 * <p>
 * A reload reads the files as a start-up would, where a missing optional file simply
 * contributes nothing: a deleted {@code application.yml} (or a deleted launch directory)
 * would put every key it held back to its default and call that "applied". That is almost
 * always an accident (a deploy that removed the directory under a running service, a
 * cleaner, a wrong {@code rm}), so, as {@code nginx -s reload} does with a missing
 * included file, the reload fails and the running configuration stays. Running without
 * the file is a restart's decision. A file that was never loaded (optional and absent at
 * start) is no part of this, and a file added since is read as usual.
 *
 * @author bootd authors
 */
final class RunningConfigFiles {

	/** How Spring Boot's {@code StandardConfigDataResource} names a file it loaded. */
	private static final String FILE_RESOURCE = "Config resource 'file [";

	private static final String VIA_LOCATION = "]' via location '";

	private RunningConfigFiles() {
	}

	/**
	 * Fail if a file the running configuration was read from is no longer there.
	 * @param running the configuration files' property sources in the live environment
	 * @param launchDirectory where relative paths start (Spring Boot read them from
	 * there)
	 * @throws VanishedException naming the files that are gone
	 */
	static void requirePresent(List<PropertySource<?>> running, Path launchDirectory) {
		Set<Path> vanished = new LinkedHashSet<>();
		for (PropertySource<?> source : running) {
			Path file = fileOf(source, launchDirectory);
			// A file replaced by a directory is gone as well: config data skips it
			if (file != null && !Files.isRegularFile(file)) {
				vanished.add(file);
			}
		}
		if (!vanished.isEmpty()) {
			throw new VanishedException(describe(vanished, launchDirectory));
		}
	}

	/**
	 * Return the file a property source was read from.
	 * @param source a configuration file's property source
	 * @param launchDirectory where relative paths start
	 * @return the absolute path, or {@code null} for the jar's own files and other kinds
	 * of config data
	 */
	static @Nullable Path fileOf(PropertySource<?> source, Path launchDirectory) {
		String name = source.getName();
		int end = name.indexOf(VIA_LOCATION);
		if (!name.startsWith(FILE_RESOURCE) || end < 0) {
			return null;
		}
		// At start-up the name holds the path as written (file:./ gives a relative one)
		return launchDirectory.resolve(name.substring(FILE_RESOURCE.length(), end)).normalize();
	}

	private static String describe(Set<Path> vanished, Path launchDirectory) {
		StringBuilder text = new StringBuilder();
		boolean inLaunchDirectory = vanished.stream().allMatch((file) -> file.startsWith(launchDirectory));
		if (inLaunchDirectory && !Files.isDirectory(launchDirectory)) {
			text.append("the launch directory ").append(launchDirectory).append(" is gone, and with it ");
		}
		List<String> files = vanished.stream().map(Path::toString).toList();
		text.append((files.size() == 1) ? "the configuration file " : "the configuration files ")
			.append(String.join(", ", files))
			.append((files.size() == 1) ? ", part of the running configuration, no longer exists"
					: ", part of the running configuration, no longer exist");
		return text.append(": put it back and reload again, or restart the service to run without it").toString();
	}

	/**
	 * A file of the running configuration is gone.
	 */
	static final class VanishedException extends IllegalStateException {

		VanishedException(String message) {
			super(message);
		}

	}

}
