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

import org.jspecify.annotations.Nullable;

import io.github.bootd.privilege.ProcessCredentials;
import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonSettings;

/**
 * The warning for a detached daemon that runs as root although nobody said so: the daemon
 * keeps every privilege root has, and an operator may not know that bootd could start it
 * as a service account.
 *
 * @author bootd authors
 */
final class RootWarning {

	private RootWarning() {
	}

	/**
	 * The warning for a detached daemon running as root without {@code daemon.user}.
	 * @param name the application's name
	 * @param settings its settings
	 * @param credentials this process' credentials
	 * @return the warning, or {@code null} when there is nothing to warn about
	 */
	static @Nullable String text(String name, DaemonSettings settings, @Nullable ProcessCredentials credentials) {
		if (credentials == null || !credentials.root() || settings.allowRoot() || settings.userSwitch() != null) {
			return null;
		}
		return name + " runs as root, with every privilege root has: set " + DaemonKey.USER
				+ " to a service account, which bootd starts the daemon as (keeping only the capability to bind "
				+ "a port below 1024, when it needs one), or run it under systemd with User=; if root is meant, set "
				+ DaemonKey.ALLOW_ROOT + "=true";
	}

}
