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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import io.github.bootd.process.IgnoredSignals;
import io.github.bootd.process.IgnoredSignals.DaemonSignal;
import io.github.bootd.process.NativePosix;
import io.github.bootd.signal.SignalInbox.Request;

/**
 * Installs the daemon's signal handlers: HUP reloads the configuration and reopens the
 * log files, USR1 reopens the log files (the nginx and unicorn convention logrotate
 * scripts expect), USR2 starts a successor that takes the listening socket over (an
 * upgrade). TERM and INT keep the JVM's own handling: the shutdown hooks run Spring
 * Boot's graceful shutdown.
 * <p>
 * Installed before the pid file is written or readiness reported: whoever reads the pid
 * may signal at once, and without a handler the JVM exits on HUP (status 129). A handler
 * only leaves a request in the {@link SignalInbox}; the JVM starts a thread per signal,
 * and the work runs on the one {@link SignalWorker} thread once the context is ready.
 * QUIT is not touched: the VM uses it for thread dumps. Which of them the JVM let it
 * handle is recorded ({@link #handled()}): a control action must not send one that would
 * kill the daemon (see {@link HandleableSignals}).
 *
 * @author bootd authors
 */
public final class DaemonSignals {

	private static final SignalInbox INBOX = new SignalInbox();

	/** The signals bootd gives a meaning, in the order the state file lists them. */
	private static final List<String> SIGNALS = List.of("HUP", "INT", "TERM", "USR1", "USR2");

	private static final List<String> PROBLEMS = new ArrayList<>();

	private static @Nullable List<String> handledSignals;

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
	 * Install the handlers, once per JVM, and record which signals the daemon handles.
	 * @param posix the native calls if already loaded, used to undo inherited ignored
	 * signals ({@code nohup}, a script's {@code cmd &})
	 */
	public static synchronized void install(@Nullable NativePosix posix) {
		if (installed) {
			return;
		}
		installed = true;
		String resetFailure = resetIgnored(posix);
		Map<String, String> refused = new LinkedHashMap<>();
		handle("HUP", Request.RELOAD, refused);
		// TERM and INT keep the JVM's own handler (shutdown hooks); under -Xrs there is
		// none and the VM refuses ours: the kernel's default then ends the JVM at once
		for (String name : List.of("INT", "TERM")) {
			if (!HandleableSignals.canHandle(name)) {
				refused.put(name, "Signal already used by VM or OS: SIG" + name);
			}
		}
		handle("USR1", Request.REOPEN_LOGS, refused);
		// USR2 starts a successor, as nginx's and unicorn's binary upgrade (and Java 17
		// crashes on a USR2 it has no handler for: SIGSEGV in SR_handler)
		handle("USR2", Request.UPGRADE, refused);
		// Still ignored: the JVM accepted a handler it will never call
		for (DaemonSignal signal : IgnoredSignals.read()) {
			refused.putIfAbsent(signal.name(), "ignored");
		}
		List<String> handled = new ArrayList<>(SIGNALS);
		handled.removeAll(refused.keySet());
		handledSignals = List.copyOf(handled);
		if (!refused.isEmpty()) {
			PROBLEMS.add(warning(refused, resetFailure));
		}
	}

	/**
	 * Return the signals the daemon handles: HUP reloads, USR1 reopens the logs, TERM and
	 * INT shut it down gracefully, USR2 upgrades it. Any other of these would kill it.
	 * @return the signal names, such as {@code HUP}, in a fixed order; {@code null}
	 * before {@link #install} (nothing known yet)
	 */
	public static synchronized @Nullable List<String> handled() {
		return handledSignals;
	}

	/**
	 * An inherited ignored disposition survives exec and the JVM would accept our handler
	 * and never call it (see {@link IgnoredSignals}): set it back to the default first.
	 * The detached child did so while detaching; this covers the foreground.
	 */
	private static @Nullable String resetIgnored(@Nullable NativePosix posix) {
		if (IgnoredSignals.read().isEmpty()) {
			return null;
		}
		try {
			IgnoredSignals.reset((posix != null) ? posix : NativePosix.load());
			return null;
		}
		catch (RuntimeException | LinkageError ex) {
			return "they were ignored when the JVM started (nohup, a script's '&') and could not be reset: " + ex;
		}
	}

	private static void handle(String name, Request request, Map<String, String> refused) {
		try {
			Signal.handle(new Signal(name), (signal) -> INBOX.receive(name, request));
		}
		catch (IllegalArgumentException ex) {
			// Reserved by the VM, for example HUP under -Xrs
			refused.put(name, ex.getMessage());
		}
	}

	/**
	 * One warning, naming every signal the daemon cannot handle, why, what that means for
	 * whoever sends it, and what to do.
	 */
	private static String warning(Map<String, String> refused, @Nullable String resetFailure) {
		List<String> names = List.copyOf(refused.keySet());
		String option = HandleableSignals.reducedSignalUsageOption();
		String cause;
		if (option != null) {
			cause = "the JVM runs with " + option + ", which reserves SIGHUP, SIGINT and SIGTERM";
		}
		else if (resetFailure != null) {
			cause = resetFailure;
		}
		else {
			cause = "the JVM refused their handlers: " + String.join("; ", new LinkedHashSet<>(refused.values()));
		}
		StringBuilder warning = new StringBuilder();
		warning.append("bootd cannot handle ")
			.append(HandleableSignals.describe(names))
			.append(" (")
			.append(cause)
			.append(").");
		if (refused.containsKey("HUP")) {
			warning.append(" A SIGHUP (kill -HUP, logrotate, systemctl reload) does not reload the configuration.");
		}
		if (refused.containsKey("TERM") || refused.containsKey("INT")) {
			warning.append(" A SIGTERM or SIGINT ends the JVM without its graceful shutdown or shutdown hooks, and"
					+ " the pid file stays behind.");
		}
		warning.append(" The reload, reopen-logs and stop actions refuse to send a signal the daemon cannot handle.");
		warning.append((option != null) ? " Remove " + option + " from the java command, JAVA_TOOL_OPTIONS or"
				+ " JDK_JAVA_OPTIONS to handle them." : " Start the JVM so that it can handle them.");
		return warning.toString();
	}

	/**
	 * Return and forget what went wrong while installing, to be logged once logging
	 * works.
	 * @return the problems, usually none
	 */
	static synchronized List<String> takeProblems() {
		List<String> taken = List.copyOf(PROBLEMS);
		PROBLEMS.clear();
		return taken;
	}

}
