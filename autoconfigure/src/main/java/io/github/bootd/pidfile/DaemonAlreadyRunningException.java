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
package io.github.bootd.pidfile;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the pid file is locked by another running instance.
 *
 * @author bootd authors
 */
public class DaemonAlreadyRunningException extends IllegalStateException {

	private final Path pidFile;

	private final @Nullable Long pid;

	public DaemonAlreadyRunningException(Path pidFile, @Nullable Long pid) {
		super(message(pidFile, pid));
		this.pidFile = pidFile;
		this.pid = pid;
	}

	/**
	 * The one-line message for an instance that already runs.
	 * @param pidFile the pid file
	 * @param pid the pid of the instance, if known
	 * @return the message
	 */
	public static String message(Path pidFile, @Nullable Long pid) {
		return "already running (pid " + ((pid != null && pid > 0) ? pid : "unknown") + ", pid file " + pidFile + ")";
	}

	public Path getPidFile() {
		return this.pidFile;
	}

	public @Nullable Long getPid() {
		return this.pid;
	}

}
