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

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.bootd.DurationText;
import io.github.bootd.reload.ReloadResult;

/**
 * The words of the control actions that more than one action prints, or that read a
 * recorded fact for a human.
 *
 * @author bootd authors
 */
final class ControlText {

	private ControlText() {
	}

	/**
	 * Describe the last reload for the status line.
	 * @param reload the reload
	 * @param now the time to count its age from
	 * @return such as {@code last reload #2 applied 5s ago}, or, rejected, with the
	 * reason
	 */
	static String lastReload(ReloadResult reload, Instant now) {
		String ago = DurationText.uptime(Duration.between(reload.time(), now)) + " ago";
		if (reload.applied()) {
			return "last reload #%d applied %s".formatted(reload.generation(), ago);
		}
		return "last reload #%d rejected %s: %s".formatted(reload.generation(), ago, reload.error());
	}

	/**
	 * Describe an applied reload for the reload action.
	 * @param reload the reload
	 * @return such as {@code reload #1 applied in 12 ms: no change}
	 */
	static String applied(ReloadResult reload) {
		return "reload #%d applied in %d ms: %s".formatted(reload.generation(), reload.duration().toMillis(),
				reload.summary());
	}

	/**
	 * Say why the pid file could not be read, and what to do when it is a permission.
	 * @param pidFile the pid file
	 * @param ex what reading it threw
	 * @return the line
	 */
	static String cannotRead(Path pidFile, IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "bootd: cannot read the pid file " + pidFile + " (permission denied): run the action as the"
					+ " user the daemon runs as, or as root";
		}
		return "bootd: cannot read the pid file " + pidFile + ": " + ex.getMessage();
	}

}
