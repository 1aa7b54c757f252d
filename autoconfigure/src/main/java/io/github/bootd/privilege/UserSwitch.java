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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a launcher running as root starts the daemon child as a service account: with
 * util-linux's {@code setpriv}, which the child's command is prefixed with, so that the
 * switch happens before the child's JVM starts and no code of the application (nor
 * Spring, nor bootd) ever runs as root in the daemon. {@code setpriv} sets the real,
 * effective and saved ids together ({@code setresuid}, so none is left to switch back
 * to), replaces the supplementary groups with the account's ({@code initgroups(3)}, so
 * that root's group 0 is gone), and sets {@code PR_SET_NO_NEW_PRIVS}, so that no setuid
 * program or file capability the daemon runs can give it back more than it has.
 * <p>
 * The capability sets are reduced to nothing, or to {@code CAP_NET_BIND_SERVICE} alone
 * when the daemon must bind a port below 1024: raised in the inheritable and ambient
 * sets, it survives the {@code execve} of the JVM (capabilities(7): an unprivileged
 * process's permitted and effective sets after exec are its ambient set), and removing
 * the rest from the bounding set keeps the daemon from ever gaining another.
 *
 * @param account the account to run as
 * @param gid the primary group to run with
 * @param netBindService whether to keep {@code CAP_NET_BIND_SERVICE}
 * @author bootd authors
 */
public record UserSwitch(ServiceAccount account, long gid, boolean netBindService) {

	private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

	/**
	 * Find util-linux's {@code setpriv}.
	 * @return its path, or empty when it is not installed
	 */
	public static Optional<Path> setpriv() {
		return SETPRIV.stream().filter(Files::isExecutable).findFirst();
	}

	/**
	 * Return the command the child's command is prefixed with.
	 * @param setpriv the path of {@code setpriv}
	 * @return the prefix
	 */
	public List<String> command(Path setpriv) {
		String capabilities = this.netBindService ? "-all,+net_bind_service" : "-all";
		List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + this.account.uid(),
				"--regid=" + this.gid, "--init-groups", "--inh-caps=" + capabilities));
		if (this.netBindService) {
			command.add("--ambient-caps=" + capabilities);
		}
		command.addAll(List.of("--bounding-set=" + capabilities, "--no-new-privs", "--"));
		return command;
	}

	/**
	 * Return what the child's environment says of its user, as {@code login(1)} and
	 * {@code su -} set it: root's own would send the daemon's {@code ~} to {@code /root}.
	 * The rest of the environment is inherited as it is.
	 * @return the variables
	 */
	public Map<String, String> environment() {
		return Map.of("HOME", this.account.home(), "USER", this.account.name(), "LOGNAME", this.account.name());
	}

	/**
	 * Return the groups the child gets.
	 * @return the group ids
	 */
	public Set<Long> groups() {
		return this.account.groupsWith(this.gid);
	}

}
