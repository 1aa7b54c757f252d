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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bootd.signal.HandleableSignals;

/**
 * Whether the daemon handles a signal, checked before it is sent: under {@code -Xrs} the
 * JVM has no handler for HUP, INT and TERM and the kernel's default ends it at once. The
 * daemon records what it handles in its state file; until it is ready (or from an older
 * version) {@code /proc/<pid>/status} tells whether a handler is installed
 * ({@link HandleableSignals#caught(long, String)}). When neither can be read, the signal
 * is sent as before.
 *
 * @author bootd authors
 */
final class HandlerCheck {

	private final String name;

	private final PrintStream err;

	/**
	 * Create a check.
	 * @param name the application name, for messages
	 * @param err where a refusal is explained
	 */
	HandlerCheck(String name, PrintStream err) {
		this.name = name;
		this.err = err;
	}

	/**
	 * Tell whether to send a signal; when not, print why and what to do.
	 * @param pid the daemon
	 * @param state what the daemon published, {@code null} when nothing
	 * @param signal the signal name, such as {@code HUP}
	 * @param action the action, for the message
	 * @param consequence what the signal would do, for the message
	 * @return whether to send it
	 */
	boolean handles(long pid, @Nullable DaemonState state, String signal, String action, String consequence) {
		List<String> handled = (state != null) ? state.handledSignals() : null;
		Boolean caught = (handled != null) ? (Boolean) handled.contains(signal) : HandleableSignals.caught(pid, signal);
		if (caught == null || caught) {
			return true;
		}
		String option = reducedSignalUsageOption(pid);
		String why = (option != null) ? "its JVM runs with " + option
				: "its JVM has no handler for it; the daemon's log says why at start-up";
		String fix = (option != null) ? "restart it without " + option
				: "restart it so that it can handle SIG" + signal;
		this.err.printf("bootd: %s (pid %d) cannot handle SIG%s (%s), so %s did not send it: %s. To %s it with bootd,"
				+ " %s%n", this.name, pid, signal, why, action, consequence, action, fix);
		return false;
	}

	/**
	 * Return the option that reserves the signals, if the process' command line has one
	 * among the JVM options (before {@code -jar} or {@code -m}, after which come the
	 * application's arguments).
	 * @param pid the process
	 * @return {@code -Xrs} or {@code -XX:+ReduceSignalUsage}, or {@code null}
	 */
	static @Nullable String reducedSignalUsageOption(long pid) {
		try {
			byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			String option = null;
			for (String argument : new String(bytes, StandardCharsets.UTF_8).split("\\x00")) {
				if (argument.equals("-jar") || argument.equals("-m")) {
					break;
				}
				if (argument.equals("-Xrs") || argument.equals("-XX:+ReduceSignalUsage")) {
					option = argument;
				}
			}
			return option;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
