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
package io.github.bootd.launcher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.bootd.privilege.UserSwitch;

/**
 * The pid file's directory that a launcher running as root creates for the user it starts
 * the daemon as, as systemd's {@code RuntimeDirectory=} does: only directly under
 * {@code /run} (a tmpfs that is empty at boot, where a service's directory is expected to
 * be missing), mode 0755, owned by the user. Anywhere else a missing directory is a
 * mistake that the settings refuse.
 *
 * @author bootd authors
 */
final class RuntimeDirectory {

	private static final Path RUN = Path.of("/run");

	private RuntimeDirectory() {
	}

	/**
	 * Create the pid file's directory if it is missing and directly under {@code /run}.
	 * @param pidFile the pid file
	 * @param userSwitch the user the daemon runs as
	 * @throws IOException if it cannot be created
	 */
	static void createFor(Path pidFile, UserSwitch userSwitch) throws IOException {
		Path directory = pidFile.getParent();
		if (directory == null || !RUN.equals(directory.getParent())
				|| Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			// mkdir applies the umask: set the mode after, and the owner before anyone
			// but root can use it
			Files.createDirectory(directory);
			Files.setAttribute(directory, "unix:uid", (int) userSwitch.account().uid(), LinkOption.NOFOLLOW_LINKS);
			Files.setAttribute(directory, "unix:gid", (int) userSwitch.gid(), LinkOption.NOFOLLOW_LINKS);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		catch (FileAlreadyExistsException ex) {
			// Another start created it meanwhile: the settings checked everything else
		}
	}

}
