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

/**
 * How a daemon-enabled application runs.
 *
 * @author bootd authors
 */
public enum DaemonMode {

	/**
	 * Stay in the foreground when a supervisor already runs the process (systemd sets
	 * {@code NOTIFY_SOCKET} or {@code INVOCATION_ID}; a container runs it as PID 1),
	 * detach otherwise.
	 */
	AUTO,

	/**
	 * Always detach from the launching terminal and session.
	 */
	DETACH,

	/**
	 * Never detach; the pid file still applies.
	 */
	FOREGROUND

}
