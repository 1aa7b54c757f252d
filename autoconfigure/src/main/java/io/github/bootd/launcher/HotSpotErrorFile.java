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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.bootd.settings.EarlyLaunchHint;
import io.github.bootd.launch.handshake.DaemonHandshake;

/**
 * Where HotSpot writes the daemon's fatal error log. Without {@code -XX:ErrorFile} it
 * writes {@code hs_err_pid<pid>.log} to the working directory, which is {@code /} for a
 * daemon (or to {@code /tmp} when that is not writable), where nobody looks for it. bootd
 * gives the daemon child {@code -XX:ErrorFile=<pid file's directory>/hs_err_pid%p.log},
 * beside its output file, in the directory bootd checked to be the service's own (the JVM
 * creates the file by name: in a directory others can write it could be made to overwrite
 * anything); an error file the user chose is kept.
 * <p>
 * A JVM reads the option only when it starts (it is not a manageable flag), and the
 * launcher usually starts the child before it reads the configuration that names the pid
 * file: it then {@link EarlyLaunchHint#pidFileDirectory guesses} the directory, and the
 * child, which knows, asks to be started again when the guess was wrong. The option goes
 * right before the handshake marker, where no option of the user's can be (the marker
 * comes first of the launcher's options), which is how the child tells bootd's option
 * from the user's.
 *
 * @author bootd authors
 */
public final class HotSpotErrorFile {

	private static final String OPTION = "-XX:ErrorFile=";

	private static final String FILE_NAME = "hs_err_pid%p.log";

	private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private HotSpotErrorFile() {
	}

	/**
	 * Return the option bootd gives the daemon child.
	 * @param directory the pid file's directory
	 * @return the option
	 */
	static String option(Path directory) {
		return OPTION + directory.resolve(FILE_NAME);
	}

	/**
	 * Return whether the user chose an error file: among the JVM options of the
	 * launcher's command line or in the variables the JVM reads options from.
	 * @param commandLine the launcher's command line
	 * @param environment the launcher's environment
	 * @return whether bootd must leave the error file alone
	 */
	static boolean setByUser(JvmCommandLine commandLine, Map<String, String> environment) {
		List<String> found = new ArrayList<>();
		commandLine.forDaemon("", HotSpotErrorFile::isOption, found);
		return !found.isEmpty() || OPTION_VARIABLES.stream()
			.map(environment::get)
			.filter(Objects::nonNull)
			.flatMap((options) -> Arrays.stream(options.split("\\s+")))
			.anyMatch(HotSpotErrorFile::isOption);
	}

	/**
	 * In the daemon child: return whether the error file bootd gave it is in the given
	 * directory, or bootd gave none (the user chose one, which wins).
	 * @param directory the pid file's directory
	 * @param arguments the child's command line
	 * @return whether the child may go on with its error file
	 */
	public static boolean pointsInto(Path directory, List<String> arguments) {
		String marker = "-D" + DaemonHandshake.PROPERTY + "=";
		for (int i = 1; i < arguments.size(); i++) {
			if (arguments.get(i).startsWith(marker)) {
				String before = arguments.get(i - 1);
				return !isOption(before) || before.equals(option(directory));
			}
		}
		return true;
	}

	private static boolean isOption(String argument) {
		return argument.startsWith(OPTION);
	}

}
