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
package io.github.bootd.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A service account a test creates, with a supplementary group of its own, a home that
 * does not exist and a {@code nologin} shell, as a package's postinst creates one; it is
 * removed, with its groups, when the test is over.
 *
 * @author bootd authors
 */
final class ServiceUser implements AutoCloseable {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private final String name;

	private final String extraGroup;

	private final long uid;

	private final long gid;

	private final long extraGid;

	private ServiceUser(String name, String extraGroup) throws IOException {
		this.name = name;
		this.extraGroup = extraGroup;
		this.uid = Long.parseLong(run("id", "-u", name).trim());
		this.gid = Long.parseLong(run("id", "-g", name).trim());
		this.extraGid = Long.parseLong(run("getent", "group", extraGroup).split(":")[2]);
	}

	/**
	 * Create a user and a supplementary group, named uniquely.
	 * @return the user
	 * @throws IOException if useradd or groupadd fails
	 */
	static ServiceUser create() throws IOException {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String name = "bootdp" + suffix;
		String extraGroup = "bootdg" + suffix;
		run("groupadd", "--system", extraGroup);
		try {
			run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
					"/usr/sbin/nologin", "--groups", extraGroup, name);
			return new ServiceUser(name, extraGroup);
		}
		catch (IOException | RuntimeException ex) {
			runQuietly("userdel", name);
			runQuietly("groupdel", extraGroup);
			throw ex;
		}
	}

	String name() {
		return this.name;
	}

	long uid() {
		return this.uid;
	}

	long gid() {
		return this.gid;
	}

	long extraGid() {
		return this.extraGid;
	}

	/**
	 * Give a directory to this user, as an operator prepares a service's directory.
	 * @param directory the directory
	 * @throws IOException if chown fails
	 */
	void own(Path directory) throws IOException {
		run("chown", this.name + ":", directory.toString());
	}

	/**
	 * The command that runs a command as this user: {@code runuser} refuses a
	 * {@code nologin} account only for a login shell, which this is not.
	 * @param command the command
	 * @return the command run as this user
	 */
	List<String> asThisUser(List<String> command) {
		List<String> full = new ArrayList<>(List.of("runuser", "-u", this.name, "--"));
		full.addAll(command);
		return full;
	}

	@Override
	public void close() throws IOException {
		run("userdel", this.name);
		// userdel removes the user's own group; the extra one is the test's
		runQuietly("groupdel", this.name);
		run("groupdel", this.extraGroup);
	}

	/**
	 * A port below 1024 that nothing listens on now, of the 800s, which no common service
	 * uses.
	 * @return the port
	 */
	static int freePrivilegedPort() {
		int first = 800 + (int) (Math.random() * 90);
		for (int port = first; port < first + 100; port++) {
			int candidate = 800 + (port - 800) % 100;
			try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
				return candidate;
			}
			catch (IOException ex) {
				// In use: the next
			}
		}
		throw new IllegalStateException("No free port in 800-899");
	}

	static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true).start();
		try {
			// Its few lines fit in the pipe: read once it has exited, within the bound
			if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
			}
			String output = new String(process.getInputStream().readAllBytes());
			if (process.exitValue() != 0) {
				throw new IOException(
						String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void runQuietly(String... command) {
		try {
			run(command);
		}
		catch (IOException ex) {
			// Cleaning up what may not exist
		}
	}

}
