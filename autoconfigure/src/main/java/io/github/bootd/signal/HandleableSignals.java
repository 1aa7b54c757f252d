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
package io.github.bootd.signal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import io.github.bootd.process.ProcessExit;

/**
 * Which signals this JVM lets an application handle.
 * <p>
 * With {@code -Xrs} (or {@code -XX:+ReduceSignalUsage}) the VM installs no handler for
 * HUP, INT and TERM and refuses one from the application ({@code Signal.handle} throws
 * "Signal already used by VM or OS"): those signals then keep the kernel's default and
 * end the JVM at once, without shutdown hooks, leaving the pid file behind. A daemon
 * child runs with its launcher's JVM options, so the launcher can ask its own JVM before
 * it starts one.
 *
 * @author bootd authors
 */
public final class HandleableSignals {

	/** What the daemon needs to be reloaded and stopped by its actions. */
	static final List<String> REQUIRED_TO_DETACH = List.of("HUP", "TERM");

	private HandleableSignals() {
	}

	/**
	 * Return which of the signals a detached daemon needs this JVM would refuse to
	 * handle.
	 * @return the refused signal names, such as {@code HUP}; empty when all can be
	 * handled
	 */
	public static List<String> refusedToDetach() {
		List<String> refused = new ArrayList<>();
		long pid = ProcessHandle.current().pid();
		for (String name : REQUIRED_TO_DETACH) {
			// The VM installs its own HUP and TERM handlers unless -Xrs: where they are
			// there, ours will be accepted too, and the launcher need not pay for a
			// probe. Without /proc, probe every signal
			boolean vmHandlerInstalled = Boolean.TRUE.equals(caught(pid, name));
			if (!vmHandlerInstalled && !canHandle(name)) {
				refused.add(name);
			}
		}
		return refused;
	}

	/**
	 * Return whether a process has a handler for a signal, from the {@code SigCgt} mask
	 * of {@code /proc/<pid>/status} (Linux only). A signal not caught is ignored or at
	 * its default, which for HUP, INT, TERM, USR1 and USR2 ends the process. The bit is
	 * found by the signal's number on this platform ({@link Signal#getNumber()}: USR1 is
	 * 10 on Linux, 30 on macOS), never by a number written here.
	 * @param pid the process
	 * @param name the signal name, such as {@code HUP}
	 * @return whether it is caught, {@code null} when the mask cannot be read
	 * @throws IllegalArgumentException if this platform has no signal of that name
	 */
	public static @Nullable Boolean caught(long pid, String name) {
		long bit = 1L << (new Signal(name).getNumber() - 1);
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("SigCgt:")) {
					long mask = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
					return (mask & bit) != 0;
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			// No /proc (not Linux), the process is gone, or not ours to read
			return null;
		}
	}

	/**
	 * Whether the JVM accepts a handler for a signal: install one and put the previous
	 * handler back. A signal arriving in between is passed on to the previous handler.
	 * @param name the signal name, such as {@code TERM}
	 * @return whether a handler could be installed
	 */
	static boolean canHandle(String name) {
		Signal signal = new Signal(name);
		AtomicReference<@Nullable SignalHandler> previous = new AtomicReference<>();
		try {
			previous.set(Signal.handle(signal, (received) -> forward(previous.get(), received)));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		SignalHandler restored = previous.get();
		if (restored != null) {
			Signal.handle(signal, restored);
		}
		return true;
	}

	private static void forward(@Nullable SignalHandler previous, Signal received) {
		if (previous == null || previous == SignalHandler.SIG_IGN) {
			return;
		}
		if (previous == SignalHandler.SIG_DFL) {
			// What the default would have done, with the shutdown hooks the JVM runs on
			// exit
			ProcessExit.exit(128 + received.getNumber());
		}
		previous.handle(received);
	}

	/**
	 * Return the JVM option that reserves the signals, if this JVM was given one: the
	 * reason to name in a message.
	 * @return {@code -Xrs} or {@code -XX:+ReduceSignalUsage}, or {@code null}
	 */
	public static @Nullable String reducedSignalUsageOption() {
		try {
			// Includes JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS, where such an option hides
			// best
			return reducedSignalUsageOption(ManagementFactory.getRuntimeMXBean().getInputArguments());
		}
		catch (RuntimeException | LinkageError ex) {
			// A runtime image without java.management: say less
			return null;
		}
	}

	/**
	 * Return the JVM option among some that reserves the signals.
	 * @param jvmOptions JVM options, in the order given (the last one wins)
	 * @return {@code -Xrs} or {@code -XX:+ReduceSignalUsage}, or {@code null}
	 */
	public static @Nullable String reducedSignalUsageOption(List<String> jvmOptions) {
		String found = null;
		for (String option : jvmOptions) {
			if (option.equals("-Xrs") || option.equals("-XX:+ReduceSignalUsage")) {
				found = option;
			}
			else if (option.equals("-XX:-ReduceSignalUsage")) {
				found = null;
			}
		}
		return found;
	}

	/**
	 * Return the signal names as a reader knows them: {@code SIGHUP and SIGTERM}.
	 * @param names the names, such as {@code HUP}
	 * @return the names joined
	 */
	public static String describe(List<String> names) {
		List<String> full = names.stream().map((name) -> "SIG" + name).toList();
		if (full.size() <= 1) {
			return String.join("", full);
		}
		return String.join(", ", full.subList(0, full.size() - 1)) + " and " + full.get(full.size() - 1);
	}

}
