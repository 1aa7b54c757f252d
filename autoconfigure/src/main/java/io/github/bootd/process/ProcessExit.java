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

/**
 * The one place bootd ends the JVM. It ends it from places where Spring Boot offers no
 * way to return a status: a hook that runs before any context exists (a control action,
 * the launcher that waited for its daemon, a daemon child that found it is not needed),
 * and a signal handler that stands in for the signal's default disposition.
 * {@link System#exit} runs the shutdown hooks, so a pid file taken already is removed and
 * Spring Boot's shutdown handlers run, as on any orderly exit.
 *
 * @author bootd authors
 */
public final class ProcessExit {

	private ProcessExit() {
	}

	/**
	 * End the JVM with the given status, after its shutdown hooks. Does not return.
	 * @param status the exit status (an LSB status for a command, 128 + the signal's
	 * number for a signal, as a shell reports it)
	 */
	public static void exit(int status) {
		System.exit(status);
	}

}
