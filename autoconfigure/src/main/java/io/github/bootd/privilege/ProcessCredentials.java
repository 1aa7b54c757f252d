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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The credentials the kernel gives a process, as {@code /proc/<pid>/status} shows them
 * (proc(5)): its real and effective ids, its groups and its capability sets. What the
 * process is allowed to do is what these say, not what its configuration asked for.
 *
 * @param uid the real user id
 * @param euid the effective user id
 * @param gid the real group id
 * @param egid the effective group id
 * @param groups the supplementary groups
 * @param effective the effective capability set, a bit per capability
 * @param bounding the bounding set
 * @param ambient the ambient set
 * @param noNewPrivileges whether {@code PR_SET_NO_NEW_PRIVS} is set
 * @author bootd authors
 */
public record ProcessCredentials(long uid, long euid, long gid, long egid, List<Long> groups, long effective,
		long bounding, long ambient, boolean noNewPrivileges) {

	/** The capability that lets a process bind a port below 1024 (capability.h). */
	public static final int CAP_NET_BIND_SERVICE = 10;

	/** capability.h's names, by number, as capsh(1) prints them. */
	private static final String[] CAPABILITIES = { "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner",
			"cap_fsetid", "cap_kill", "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable",
			"cap_net_bind_service", "cap_net_broadcast", "cap_net_admin", "cap_net_raw", "cap_ipc_lock",
			"cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace", "cap_sys_pacct",
			"cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config",
			"cap_mknod", "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap", "cap_mac_override",
			"cap_mac_admin", "cap_syslog", "cap_wake_alarm", "cap_block_suspend", "cap_audit_read", "cap_perfmon",
			"cap_bpf", "cap_checkpoint_restore" };

	/**
	 * Read this process' credentials.
	 * @return the credentials, or {@code null} without {@code /proc}
	 */
	public static @Nullable ProcessCredentials current() {
		return read(Path.of("/proc/self/status"));
	}

	/**
	 * Read a process' credentials.
	 * @param status its {@code status} file
	 * @return the credentials, or {@code null} when the file cannot be read
	 */
	public static @Nullable ProcessCredentials read(Path status) {
		String text;
		try {
			text = Files.readString(status);
		}
		catch (IOException ex) {
			return null;
		}
		return parse(text);
	}

	static @Nullable ProcessCredentials parse(String status) {
		String[] uids = field(status, "Uid:");
		String[] gids = field(status, "Gid:");
		if (uids.length < 2 || gids.length < 2) {
			return null;
		}
		List<Long> groups = new ArrayList<>();
		for (String group : field(status, "Groups:")) {
			groups.add(Long.parseLong(group));
		}
		String[] noNewPrivileges = field(status, "NoNewPrivs:");
		return new ProcessCredentials(Long.parseLong(uids[0]), Long.parseLong(uids[1]), Long.parseLong(gids[0]),
				Long.parseLong(gids[1]), List.copyOf(groups), capabilities(status, "CapEff:"),
				capabilities(status, "CapBnd:"), capabilities(status, "CapAmb:"),
				noNewPrivileges.length > 0 && noNewPrivileges[0].equals("1"));
	}

	/**
	 * Return whether this process is root: its effective uid, which decides what it may
	 * do (setuid, chown), is 0.
	 * @return whether it is root
	 */
	public boolean root() {
		return this.euid == 0;
	}

	/**
	 * Name the capabilities of a set, as capsh(1) does.
	 * @param set a capability set
	 * @return the names, lowest number first
	 */
	public static List<String> names(long set) {
		List<String> names = new ArrayList<>();
		for (int capability = 0; capability < Long.SIZE; capability++) {
			if ((set & (1L << capability)) != 0) {
				names.add((capability < CAPABILITIES.length) ? CAPABILITIES[capability] : "cap_" + capability);
			}
		}
		return names;
	}

	private static long capabilities(String status, String key) {
		String[] values = field(status, key);
		return (values.length > 0) ? Long.parseUnsignedLong(values[0], 16) : 0;
	}

	private static String[] field(String status, String key) {
		for (String line : status.split("\n")) {
			if (line.startsWith(key)) {
				String value = line.substring(key.length()).trim();
				return value.isEmpty() ? new String[0] : value.split("\\s+");
			}
		}
		return new String[0];
	}

}
