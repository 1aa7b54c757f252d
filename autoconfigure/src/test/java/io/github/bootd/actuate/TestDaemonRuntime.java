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
package io.github.bootd.actuate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.github.bootd.settings.DaemonMode;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.Supervisor;
import io.github.bootd.pidfile.PidFile;

/**
 * A {@link DaemonRuntime} for tests: a real pid file, locked by the test JVM, in a
 * temporary directory.
 *
 * @author bootd authors
 */
public final class TestDaemonRuntime {

	private TestDaemonRuntime() {
	}

	/**
	 * Create a detached-looking runtime whose pid file is {@code daemon.pid} in the given
	 * directory.
	 * @param directory a temporary directory
	 * @return the runtime; close it to release the lock
	 * @throws IOException if the pid file cannot be locked
	 */
	public static DaemonRuntime create(Path directory) throws IOException {
		Path pidFile = directory.resolve("daemon.pid");
		DaemonSettings settings = new DaemonSettings(true, DaemonMode.DETACH, directory, Path.of("/"), 0022, pidFile,
				directory.resolve("daemon.out"), Duration.ofSeconds(60), null, false);
		return new DaemonRuntime(settings, Supervisor.NONE, true, PidFile.acquire(pidFile), null);
	}

}
