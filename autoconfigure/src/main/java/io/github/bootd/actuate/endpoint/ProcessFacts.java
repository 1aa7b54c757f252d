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
package io.github.bootd.actuate.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bootd.privilege.ProcessCredentials;

/**
 * What the operating system says about this process, read from {@code /proc/self} at the
 * time of the call. Where the platform has no {@code /proc} (macOS) or a field is
 * missing, the value is {@code null}: the endpoint omits it rather than failing.
 *
 * @param pid the process id
 * @param ppid the parent process id
 * @param pgid the process group id, absent when the group leader is outside this pid
 * namespace
 * @param sid the session id, absent when the session leader is outside this pid namespace
 * @param terminal the controlling terminal, such as {@code pts/3}, or {@code none}
 * @param user the name of the user the process runs as
 * @param uid the effective user id
 * @param umask the file mode creation mask in octal, such as {@code 0022}
 * @param workingDirectory the working directory as the kernel sees it
 * @param group the name of the effective group
 * @param gid the effective group id
 * @param groups the supplementary group ids
 * @param capabilities the effective capabilities, such as {@code cap_net_bind_service};
 * empty for a process that has none (the daemon started as {@code daemon.user} without a
 * port below 1024)
 * @author bootd authors
 */
public record ProcessFacts(long pid, @Nullable Long ppid, @Nullable Long pgid, @Nullable Long sid,
		@Nullable String terminal, @Nullable String user, @Nullable Long uid, @Nullable String umask,
		@Nullable String workingDirectory, @Nullable String group, @Nullable Long gid, @Nullable List<Long> groups,
		@Nullable List<String> capabilities) {

	private static final Path PROC_SELF = Path.of("/proc/self");

	private static final Path ETC_PASSWD = Path.of("/etc/passwd");

	/**
	 * Read the facts of this process.
	 * @return the facts
	 */
	public static ProcessFacts read() {
		return read(PROC_SELF, ETC_PASSWD);
	}

	static ProcessFacts read(Path procSelf, Path passwd) {
		long pid = ProcessHandle.current().pid();
		String[] stat = statFields(procSelf);
		Long ppid = (stat != null) ? parseLong(stat[1])
				: ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(null);
		Long uid = parseLong(statusField(procSelf, "Uid:", 1));
		String umask = statusField(procSelf, "Umask:", 0);
		ProcessCredentials credentials = ProcessCredentials.read(procSelf.resolve("status"));
		Long gid = (credentials != null) ? credentials.egid() : null;
		return new ProcessFacts(pid, ppid, (stat != null) ? leaderId(stat[2]) : null,
				(stat != null) ? leaderId(stat[3]) : null, (stat != null) ? terminal(stat[4]) : null, user(uid, passwd),
				uid, umask, workingDirectory(procSelf), group(gid, procSelf), gid,
				(credentials != null) ? credentials.groups() : null,
				(credentials != null) ? ProcessCredentials.names(credentials.effective()) : null);
	}

	/**
	 * Return a process group or session id, or {@code null} when the kernel shows 0: the
	 * group or session leader lives outside this process' pid namespace (a container
	 * started from a shell), so no id names it from here.
	 */
	private static @Nullable Long leaderId(String field) {
		Long id = parseLong(field);
		return (id != null && id > 0) ? id : null;
	}

	/**
	 * Return the fields of {@code stat} that follow the command name, starting with the
	 * state: the name is in parentheses and may itself contain spaces and parentheses
	 * (proc(5)), so the fields start after the last ')'.
	 */
	private static String @Nullable [] statFields(Path procSelf) {
		String stat = readString(procSelf.resolve("stat"));
		if (stat == null || stat.lastIndexOf(')') < 0) {
			return null;
		}
		String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
		return (fields.length >= 5) ? fields : null;
	}

	/**
	 * Return a value of {@code status}, such as the effective uid ({@code Uid:} lists
	 * real, effective, saved and file system ids).
	 */
	private static @Nullable String statusField(Path procSelf, String key, int index) {
		String status = readString(procSelf.resolve("status"));
		if (status == null) {
			return null;
		}
		for (String line : status.split("\n")) {
			if (line.startsWith(key)) {
				String[] values = line.substring(key.length()).trim().split("\\s+");
				return (values.length > index) ? values[index] : null;
			}
		}
		return null;
	}

	/**
	 * Name the controlling terminal from {@code tty_nr} the way ps(1) does; 0 means the
	 * process has none, which is what a detached daemon must show.
	 */
	private static @Nullable String terminal(String ttyNr) {
		Long device = parseLong(ttyNr);
		if (device == null) {
			return null;
		}
		if (device == 0) {
			return "none";
		}
		// Linux's new_encode_dev(): minor bits 0-7 and 20-31, major bits 8-19
		long major = (device >> 8) & 0xfff;
		long minor = (device & 0xff) | ((device >> 12) & 0xfff00);
		if (major >= 136 && major <= 143) {
			return "pts/" + ((major - 136) * 256 + minor);
		}
		if (major == 4 && minor < 64) {
			return "tty" + minor;
		}
		if (major == 4) {
			return "ttyS" + (minor - 64);
		}
		return major + ":" + minor;
	}

	private static @Nullable String user(@Nullable Long uid, Path passwd) {
		if (uid != null && Files.isReadable(passwd)) {
			try {
				List<String> lines = Files.readAllLines(passwd);
				for (String line : lines) {
					String[] fields = line.split(":");
					if (fields.length > 2 && fields[2].equals(uid.toString())) {
						return fields[0];
					}
				}
			}
			catch (IOException ex) {
				// Fall back to the name the JVM looked up at start-up
			}
		}
		return System.getProperty("user.name");
	}

	/**
	 * Name a group from {@code /etc/group}, as {@link #user} names the user: no process
	 * of the name service is started for a read of the endpoint.
	 */
	private static @Nullable String group(@Nullable Long gid, Path procSelf) {
		Path groups = Path.of("/etc/group");
		if (gid == null || !PROC_SELF.equals(procSelf) || !Files.isReadable(groups)) {
			return (gid != null) ? gid.toString() : null;
		}
		try {
			for (String line : Files.readAllLines(groups)) {
				String[] fields = line.split(":");
				if (fields.length > 2 && fields[2].equals(gid.toString())) {
					return fields[0];
				}
			}
		}
		catch (IOException ex) {
			// Named by its number
		}
		return gid.toString();
	}

	private static @Nullable String workingDirectory(Path procSelf) {
		try {
			// The JVM's user.dir does not follow the native chdir() bootd makes when
			// detaching
			return Files.readSymbolicLink(procSelf.resolve("cwd")).toString();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

	private static @Nullable String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static @Nullable Long parseLong(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
