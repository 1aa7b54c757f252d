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
package io.github.bootd;

import java.util.Map;

/**
 * The process supervisor, if any, that already runs the application; {@code auto} mode
 * stays in the foreground under one (daemon(7): a service started by systemd must not
 * fork, and in a container the main process is the service).
 *
 * @author bootd authors
 */
public enum Supervisor {

	/**
	 * systemd runs the service ({@code NOTIFY_SOCKET} or {@code INVOCATION_ID} is set).
	 */
	SYSTEMD,

	/** The application is PID 1, as the main process of a container. */
	CONTAINER,

	/** No supervisor: started from a shell or a script. */
	NONE;

	/**
	 * Detect the supervisor from the environment and the process id.
	 * @param environment the process environment
	 * @param pid this process' id
	 * @return the supervisor
	 */
	public static Supervisor detect(Map<String, String> environment, long pid) {
		if (environment.containsKey("NOTIFY_SOCKET") || environment.containsKey("INVOCATION_ID")) {
			return SYSTEMD;
		}
		return (pid == 1) ? CONTAINER : NONE;
	}

}
