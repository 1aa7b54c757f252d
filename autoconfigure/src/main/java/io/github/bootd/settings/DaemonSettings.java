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

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.bootd.privilege.UserSwitch;

/**
 * Validated {@code daemon.*} settings with every path made absolute against the launch
 * directory.
 *
 * @param enabled whether the application runs as a daemon
 * @param mode the configured mode
 * @param launchDirectory the directory the application was launched from
 * @param workingDirectory the working directory of the daemon
 * @param umask the file mode creation mask
 * @param pidFile the pid file
 * @param outputFile the file stdout and stderr are appended to, or {@code null} when
 * {@code daemon.output-file=/dev/null} discards them
 * @param startupTimeout how long the launcher waits for readiness
 * @param userSwitch the user the launcher starts the daemon as, {@code null} when it runs
 * as the user that starts it
 * @param allowRoot whether running as root without {@code daemon.user} is meant
 * @author bootd authors
 */
public record DaemonSettings(boolean enabled, DaemonMode mode, Path launchDirectory, Path workingDirectory, int umask,
		Path pidFile, @Nullable Path outputFile, Duration startupTimeout, @Nullable UserSwitch userSwitch,
		boolean allowRoot) {

	/**
	 * Return the umask the way people write it, such as {@code 0022}.
	 * @return the umask in octal
	 */
	public String umaskText() {
		return String.format("%04o", this.umask);
	}

}
