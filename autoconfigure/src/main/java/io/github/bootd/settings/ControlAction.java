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
package io.github.bootd.settings;

import java.util.Locale;

/**
 * What {@code java -jar app.jar --daemon.action=<action>} does instead of running the
 * application, the verbs of an LSB init script.
 *
 * @author bootd authors
 */
public enum ControlAction {

	/** Start the daemon, or do nothing if it runs: the default without an action. */
	START,

	/** Stop the daemon: SIGTERM, then SIGKILL after {@code daemon.stop-timeout}. */
	STOP,

	/** Stop the daemon if it runs, then start it and wait for its readiness. */
	RESTART,

	/** Tell whether the daemon runs, with its pid, uptime, mode and last reload. */
	STATUS,

	/** Send SIGHUP and wait for the outcome of the reload it causes. */
	RELOAD,

	/** Send SIGUSR1 so that the daemon reopens its log files (after a rotation). */
	REOPEN_LOGS,

	/**
	 * Send SIGUSR2 and wait until a successor started from the daemon's launch command
	 * took its listening socket and pid file over (or failed, and the daemon serves on).
	 */
	UPGRADE;

	/**
	 * Return the action the way it is written on the command line.
	 * @return the name, such as {@code reopen-logs}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
