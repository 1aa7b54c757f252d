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
package io.github.bootd.launch;

/**
 * What a JVM that runs an application with bootd is, as {@link RoleDecision} decides it.
 * Each role is done by one class; the Spring Boot hooks only ask and hand over.
 *
 * @author bootd authors
 */
enum LaunchRole {

	/**
	 * Asked for a {@code --daemon.action} other than {@code start}: acts on the daemon
	 * ({@link ControlCommand}, or {@link EarlyAnswer} for an early status) and exits with
	 * its LSB status, without starting the application.
	 */
	CONTROL_CLIENT,

	/**
	 * Started by the user to run a detached daemon: starts the daemon child, waits for
	 * its reports ({@code DaemonLauncher}) and exits with the outcome.
	 */
	LAUNCHER,

	/**
	 * The child a launcher started, and the configuration asks for a detached daemon:
	 * detaches, locks the pid file and reports to the launcher ({@link DaemonChild}).
	 */
	DAEMON_CHILD,

	/**
	 * A child the launcher started on a guess that the configuration proves wrong (no
	 * detached daemon, or an error file the JVM can no longer move): it tells the
	 * launcher, which runs the application or starts the child again, and exits.
	 */
	UNNEEDED_CHILD,

	/**
	 * The successor an upgrade started in the foreground of a systemd unit: tells its
	 * predecessor what it decided, takes the pid file over once ready and reports its
	 * readiness, without detaching ({@link DaemonChild#succeedInForeground}).
	 */
	FOREGROUND_SUCCESSOR,

	/**
	 * A daemon that stays attached to whoever started it ({@code daemon.mode=foreground},
	 * or {@code auto} under a supervisor): the run listener locks its pid file and
	 * installs its signal handlers.
	 */
	FOREGROUND_DAEMON,

	/** The daemon is not enabled: bootd leaves the start-up alone. */
	APPLICATION

}
