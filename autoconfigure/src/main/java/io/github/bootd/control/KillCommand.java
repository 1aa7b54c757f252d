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

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import io.github.bootd.socket.SocketActivation;

/**
 * Sends a signal to the daemon by name through kill(1) and turns kill's answer into the
 * action's LSB exit status and a line for a human.
 * <p>
 * kill(1), not a native binding: an action runs no native code of its own, so a JVM that
 * restricts native access (Java 24+) has nothing to warn about, and it costs a process
 * start instead of a few hundred ms of binding. By name ({@code -s HUP}), never by
 * number: the numbers differ between platforms (USR1 is 10 on Linux, 30 on macOS). Why
 * kill(2) failed is read from kill's own words, strerror(3) in the C locale, which procps
 * and util-linux both print; no errno number is written here.
 *
 * @author bootd authors
 */
final class KillCommand {

	/**
	 * kill(1), from procps or util-linux: both take {@code -s NAME} and print
	 * strerror(3).
	 */
	static final String KILL = "/bin/kill";

	private final String name;

	private final PrintStream err;

	/**
	 * Create a sender.
	 * @param name the application name, for messages
	 * @param err where failures go
	 */
	KillCommand(String name, PrintStream err) {
		this.name = name;
		this.err = err;
	}

	/**
	 * Send a signal; a failure is printed.
	 * @param pid the daemon
	 * @param signal the signal name, such as {@code HUP}
	 * @return 0 when sent, 4 without the privilege, 7 if the process is gone, 1 otherwise
	 */
	int send(long pid, String signal) {
		ProcessBuilder kill = new ProcessBuilder(KILL, "-s", signal, Long.toString(pid))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true);
		// The C locale keeps kill's reason (strerror) in the words Refusal matches
		kill.environment().put("LC_ALL", "C");
		// sd_listen_fds' variables name this process, never a child
		kill.environment().keySet().removeAll(SocketActivation.VARIABLES);
		String said;
		int exit;
		try {
			Process process = kill.start();
			said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			exit = process.waitFor();
		}
		catch (IOException ex) {
			this.err.printf("bootd: could not run %s to send SIG%s to %s (pid %d): %s%n", KILL, signal, this.name, pid,
					ex.getMessage());
			return LsbExitStatus.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal, ex);
		}
		if (exit == 0) {
			return LsbExitStatus.OK;
		}
		Refusal refusal = Refusal.of(said);
		if (refusal == Refusal.NOT_PERMITTED) {
			this.err.printf("bootd: not permitted to send SIG%s to %s (pid %d): run the action as the user the"
					+ " daemon runs as, or as root%n", signal, this.name, pid);
			return LsbExitStatus.INSUFFICIENT_PRIVILEGE;
		}
		if (refusal == Refusal.NO_SUCH_PROCESS) {
			this.err.printf("bootd: %s (pid %d) is not running%n", this.name, pid);
			return LsbExitStatus.NOT_RUNNING;
		}
		this.err.printf("bootd: could not send SIG%s to %s (pid %d): %s exited with %d: %s%n", signal, this.name, pid,
				KILL, exit, said);
		return LsbExitStatus.FAILED;
	}

	/**
	 * Why kill(2) refused, in the words strerror(3) gives its errno in the C locale
	 * (POSIX names the errno, glibc and musl agree on the words).
	 */
	enum Refusal {

		/** EPERM: the caller may not signal that process. */
		NOT_PERMITTED("Operation not permitted"),

		/** ESRCH: no such process (it exited after it was found). */
		NO_SUCH_PROCESS("No such process");

		private final String words;

		Refusal(String words) {
			this.words = words;
		}

		/**
		 * Return the refusal kill reported.
		 * @param said what kill printed
		 * @return the refusal, {@code null} for any other failure
		 */
		static @Nullable Refusal of(String said) {
			for (Refusal refusal : values()) {
				if (said.contains(refusal.words)) {
					return refusal;
				}
			}
			return null;
		}

	}

}
