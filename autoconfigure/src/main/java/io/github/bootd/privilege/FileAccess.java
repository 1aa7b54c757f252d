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
package io.github.bootd.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a service account may do with a file, judged from its owner, group and mode bits
 * the way the kernel judges an unprivileged process (path_resolution(7)): owner bits if
 * the account owns it, else group bits if it is in its group, else the others' bits. A
 * launcher running as root must judge for the account, because every check of its own
 * ({@code access(2)}) succeeds for root. ACLs are not read: a file an ACL opens to the
 * account is reported as not writable, which errs on the side of saying so.
 *
 * @param uid the account's user id
 * @param groups the account's groups
 * @author bootd authors
 */
public record FileAccess(long uid, Set<Long> groups) {

	private static final int WRITE = 2;

	private static final int SEARCH = 1;

	/**
	 * Judge for the account a user switch runs as.
	 * @param userSwitch the switch
	 * @return the judge
	 */
	public static FileAccess of(UserSwitch userSwitch) {
		return new FileAccess(userSwitch.account().uid(), userSwitch.groups());
	}

	/**
	 * Return whether the account can create and remove files in a directory (write and
	 * search permission).
	 * @param directory the directory
	 * @return whether it can
	 */
	public boolean canCreateIn(Path directory) {
		return allows(directory, WRITE | SEARCH);
	}

	/**
	 * Return whether the account can write to a file.
	 * @param file the file
	 * @return whether it can
	 */
	public boolean canWrite(Path file) {
		return allows(file, WRITE);
	}

	/**
	 * Return the first directory on a path that the account cannot enter (search
	 * permission), from the root down.
	 * @param path an absolute path
	 * @return the directory, or {@code null} when it can reach the path
	 */
	public @Nullable Path unsearchable(Path path) {
		Path directory = path.getRoot();
		for (Path name : path) {
			if (directory == null) {
				return null;
			}
			if (Files.isDirectory(directory) && !allows(directory, SEARCH)) {
				return directory;
			}
			directory = directory.resolve(name);
		}
		return (directory != null && Files.isDirectory(directory) && !allows(directory, SEARCH)) ? directory : null;
	}

	private boolean allows(Path path, int wanted) {
		try {
			int mode = attribute(path, "mode");
			long owner = attribute(path, "uid");
			long group = attribute(path, "gid");
			int bits = (owner == this.uid) ? (mode >> 6) : this.groups.contains(group) ? (mode >> 3) : mode;
			return (bits & wanted) == wanted;
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A {@code stat(2)} field, of a link's target: the kernel follows links as it
	 * resolves a path.
	 */
	private static int attribute(Path path, String name) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:" + name);
	}

	/**
	 * Describe a file's owner, group and mode for a message, such as
	 * {@code owned by root:root, mode 0755}.
	 * @param path the file
	 * @return the description
	 */
	public static String describe(Path path) {
		try {
			int uid = attribute(path, "uid");
			int gid = attribute(path, "gid");
			int mode = attribute(path, "mode");
			return "owned by " + ServiceAccount.userName(uid) + ":" + ServiceAccount.groupName(gid) + ", mode "
					+ String.format("%04o", mode & 07777);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "whose owner cannot be read (" + ex.getMessage() + ")";
		}
	}

}
