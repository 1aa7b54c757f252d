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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import io.github.bootd.process.IgnoredSignals;
import io.github.bootd.process.IgnoredSignals.DaemonSignal;
import io.github.bootd.process.NativePosix;
import io.github.bootd.signal.SignalInbox.Request;

/**
 * Installs the daemon's signal handlers: HUP reloads the configuration and reopens the
 * log files, USR1 reopens the log files (the nginx and unicorn convention logrotate
 * scripts expect), USR2 is counted and otherwise ignored. TERM and INT keep the JVM's
 * own handling: the shutdown hooks run Spring Boot's graceful shutdown.
 * <p>
 * Installed before the pid file is written or readiness reported: whoever reads the pid
 * may signal at once, and without a handler the JVM exits on HUP (status 129). A handler
 * only leaves a request in the {@link SignalInbox}; the JVM starts a thread per signal,
 * and the work runs on the one {@link SignalWorker} thread once the context is ready.
 * QUIT is not touched: the VM uses it for thread dumps.
 *
 * @author bootd authors
 */
public final class DaemonSignals {

	private static final SignalInbox INBOX = new SignalInbox();

	private static final List<String> PROBLEMS = new ArrayList<>();

	private static boolean installed;

	private DaemonSignals() {
	}

	/**
	 * Return the inbox the handlers leave their requests in.
	 * @return the inbox of this JVM
	 */
	public static SignalInbox inbox() {
		return INBOX;
	}

	/**
	 * Install the handlers, once per JVM.
	 * @param posix the native calls if already loaded, used to undo an inherited ignored
	 * HUP ({@code nohup})
	 */
	public static synchronized void install(@Nullable NativePosix posix) {
		if (installed) {
			return;
		}
		installed = true;
		if (IgnoredSignals.read().contains(DaemonSignal.HUP)) {
			// nohup: the JVM would accept our handler and never call it, see IgnoredSignals
			try {
				((posix != null) ? posix : NativePosix.load()).setDefaultDisposition(DaemonSignal.HUP.number());
			}
			catch (RuntimeException | LinkageError ex) {
				PROBLEMS.add("HUP is ignored (nohup?) and could not be reset, so it will not reload: " + ex);
			}
		}
		handle("HUP", Request.RELOAD);
		handle("USR1", Request.REOPEN_LOGS);
		// Java 17 crashes on a USR2 it has no handler for (SIGSEGV in SR_handler)
		handle("USR2", Request.NONE);
	}

	private static void handle(String name, Request request) {
		try {
			Signal.handle(new Signal(name), (signal) -> INBOX.receive(name, request));
		}
		catch (IllegalArgumentException ex) {
			// Reserved by the VM, for example HUP under -Xrs
			PROBLEMS.add("Cannot handle SIG" + name + ": " + ex.getMessage());
		}
	}

	/**
	 * Return and forget what went wrong while installing, to be logged once logging works.
	 * @return the problems, usually none
	 */
	static synchronized List<String> takeProblems() {
		List<String> taken = List.copyOf(PROBLEMS);
		PROBLEMS.clear();
		return taken;
	}

}
