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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A user account as the system's name service knows it ({@code getent passwd}): not just
 * {@code /etc/passwd}, so that an account from LDAP or systemd-userdb is found the way
 * {@code setpriv} and {@code initgroups(3)} will find it.
 *
 * @param name the login name
 * @param uid the user id
 * @param gid the primary group id
 * @param home the home directory, which need not exist (a service account's often does
 * not)
 * @param groups every group the account is in, primary included ({@code id -G})
 * @author bootd authors
 */
public record ServiceAccount(String name, long uid, long gid, String home, Set<Long> groups) {

	private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Look up a user by name or by uid.
	 * @param user a name or a numeric uid
	 * @return the account, or {@code null} when there is none
	 * @throws IOException if the name service cannot be asked
	 */
	public static @Nullable ServiceAccount lookup(String user) throws IOException {
		String entry = getent("passwd", user.trim());
		if (entry == null) {
			return null;
		}
		// name:password:uid:gid:gecos:home:shell (passwd(5))
		String[] fields = entry.split(":", -1);
		if (fields.length < 7) {
			return null;
		}
		long uid = Long.parseLong(fields[2]);
		long gid = Long.parseLong(fields[3]);
		Set<Long> groups = new LinkedHashSet<>();
		groups.add(gid);
		String ids = run(List.of("id", "-G", fields[0]));
		if (ids != null) {
			for (String id : ids.trim().split("\\s+")) {
				if (!id.isEmpty()) {
					groups.add(Long.parseLong(id));
				}
			}
		}
		return new ServiceAccount(fields[0], uid, gid, fields[5], Set.copyOf(groups));
	}

	/**
	 * Look up a group by name or by gid.
	 * @param group a name or a numeric gid
	 * @return the group's name and id, or {@code null} when there is none
	 * @throws IOException if the name service cannot be asked
	 */
	public static @Nullable Group lookupGroup(String group) throws IOException {
		String entry = getent("group", group.trim());
		if (entry == null) {
			return null;
		}
		String[] fields = entry.split(":", -1);
		return (fields.length >= 3) ? new Group(fields[0], Long.parseLong(fields[2])) : null;
	}

	/**
	 * Look up the name of a group id, for messages.
	 * @param gid the group id
	 * @return its name, or the number when it has none
	 */
	public static String groupName(long gid) {
		try {
			Group group = lookupGroup(Long.toString(gid));
			return (group != null) ? group.name() : Long.toString(gid);
		}
		catch (IOException ex) {
			return Long.toString(gid);
		}
	}

	/**
	 * Look up the name of a user id, for messages.
	 * @param uid the user id
	 * @return its name, or the number when it has none
	 */
	public static String userName(long uid) {
		try {
			ServiceAccount account = lookup(Long.toString(uid));
			return (account != null) ? account.name() : Long.toString(uid);
		}
		catch (IOException ex) {
			return Long.toString(uid);
		}
	}

	/**
	 * The groups the account has when started with another primary group: the kernel gets
	 * {@code initgroups(name, gid)}, which is that group and the ones listing the user as
	 * a member.
	 * @param primary the primary group it is started with
	 * @return the groups
	 */
	public Set<Long> groupsWith(long primary) {
		Set<Long> groups = new LinkedHashSet<>();
		groups.add(primary);
		for (long group : this.groups) {
			if (group != this.gid || primary == this.gid) {
				groups.add(group);
			}
		}
		return groups;
	}

	private static @Nullable String getent(String database, String key) throws IOException {
		if (key.isEmpty()) {
			return null;
		}
		String output = run(List.of("getent", database, key));
		if (output == null) {
			return null;
		}
		String line = output.lines().findFirst().orElse("");
		return line.isEmpty() ? null : line;
	}

	/**
	 * Run a command and return its output, or {@code null} when it exits non-zero
	 * ({@code getent}: 2 for a key that is not found).
	 */
	private static @Nullable String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not answer within " + LOOKUP_TIMEOUT);
			}
			return (process.exitValue() == 0) ? new String(output, StandardCharsets.UTF_8) : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

	/**
	 * A group.
	 *
	 * @param name its name
	 * @param gid its id
	 */
	public record Group(String name, long gid) {

	}

}
