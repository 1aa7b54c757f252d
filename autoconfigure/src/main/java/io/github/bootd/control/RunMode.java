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

import io.github.bootd.DaemonRuntime;
import io.github.bootd.Supervisor;

/**
 * How a daemon runs, and the words each report uses for it: the one vocabulary of the
 * state file (what {@code status} prints and {@code restart} checks) and of
 * {@code /actuator/daemon}.
 *
 * @author bootd authors
 */
public enum RunMode {

	/** Detached by bootd from the shell that launched it. */
	DETACHED("detached", "detached"),

	/** In the foreground of systemd, which supervises it. */
	SYSTEMD("systemd", "foreground under systemd"),

	/** In the foreground as a container's PID 1. */
	CONTAINER("container", "foreground as PID 1"),

	/** In the foreground, with no supervisor detected. */
	FOREGROUND("foreground", "foreground");

	private final String endpointName;

	private final String stateText;

	RunMode(String endpointName, String stateText) {
		this.endpointName = endpointName;
		this.stateText = stateText;
	}

	/**
	 * Return how a daemon runs.
	 * @param runtime the daemon's runtime
	 * @return its mode
	 */
	public static RunMode of(DaemonRuntime runtime) {
		return of(runtime.isDetached(), runtime.getSupervisor());
	}

	/**
	 * Return how a daemon runs.
	 * @param detached whether bootd detached it
	 * @param supervisor the supervisor detected at start-up
	 * @return its mode
	 */
	public static RunMode of(boolean detached, Supervisor supervisor) {
		if (detached) {
			return DETACHED;
		}
		return switch (supervisor) {
			case SYSTEMD -> SYSTEMD;
			case CONTAINER -> CONTAINER;
			case NONE -> FOREGROUND;
		};
	}

	/**
	 * Return the mode as {@code /actuator/daemon} names it: one word, for machines.
	 * @return such as {@code systemd}
	 */
	public String endpointName() {
		return this.endpointName;
	}

	/**
	 * Return the mode as the state file records it and the {@code status} action prints
	 * it: words for a human.
	 * @return such as {@code foreground under systemd}
	 */
	public String stateText() {
		return this.stateText;
	}

}
