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
package io.github.bootd.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Undoes the ignored signal dispositions a daemon can inherit.
 * <p>
 * An ignored disposition survives {@code exec}: under {@code nohup} HUP is ignored, and a
 * non-interactive shell's {@code cmd &} ignores INT. The JVM then installs no handler for
 * them and {@code Signal.handle} reports success while the handler never runs, so a
 * daemon started that way could not be reloaded or stopped with INT. We set such a signal
 * back to {@code SIG_DFL} natively and give it the JVM's own behaviour (run the shutdown
 * hooks, exit with 128 + the signal number); later handlers (reload) replace it.
 *
 * @author bootd authors
 */
public final class IgnoredSignals {

	private static final Path STATUS = Path.of("/proc/self/status");

	private IgnoredSignals() {
	}

	/**
	 * Read which of the daemon's signals this process ignores, from
	 * {@code /proc/self/status}; empty where there is no /proc.
	 * @return the ignored signals
	 */
	public static Set<DaemonSignal> read() {
		Set<DaemonSignal> ignored = EnumSet.noneOf(DaemonSignal.class);
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("SigIgn:")) {
					long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
					for (DaemonSignal signal : DaemonSignal.values()) {
						if ((mask & (1L << (signal.number() - 1))) != 0) {
							ignored.add(signal);
						}
					}
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// No /proc (macOS) or an unexpected format: nothing we can tell, nothing to
			// undo
		}
		return ignored;
	}

	/**
	 * Reset every ignored daemon signal to the JVM's termination behaviour.
	 * @param posix the native calls
	 * @return the signals that were reset
	 */
	public static Set<DaemonSignal> reset(NativePosix posix) {
		Set<DaemonSignal> reset = EnumSet.noneOf(DaemonSignal.class);
		for (DaemonSignal signal : read()) {
			Signal named = new Signal(signal.name());
			SignalHandler exit = (received) -> ProcessExit.exit(128 + received.getNumber());
			try {
				// While ignored the JVM accepts this without installing it; under -Xrs it
				// refuses, and SIG_DFL would then kill the JVM without shutdown hooks, so
				// the signal stays ignored
				Signal.handle(named, exit);
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			posix.setDefaultDisposition(signal.number());
			Signal.handle(named, exit);
			reset.add(signal);
		}
		return reset;
	}

	/**
	 * The signals whose default the JVM turns into an orderly shutdown.
	 */
	public enum DaemonSignal {

		HUP(1), INT(2), TERM(15);

		private final int number;

		DaemonSignal(int number) {
			this.number = number;
		}

		public int number() {
			return this.number;
		}

	}

}
