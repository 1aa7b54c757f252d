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
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bootd.control.LaunchCommand;
import io.github.bootd.control.LsbExitStatus;
import io.github.bootd.launch.handshake.LauncherHandshake;
import io.github.bootd.settings.DaemonKey;
import io.github.bootd.socket.SocketActivation;

/**
 * The start half of a restart: runs the command a daemon was launched with again, from
 * the directory it was launched from, on the same JVM binary, byte for byte. The jar at
 * the same path may be a new build: that is how a deploy works. It runs in the foreground
 * of the restart command, whose output and exit status become the restart's.
 *
 * @author bootd authors
 */
public final class Relaunch {

	private final LaunchCommand command;

	private final Path stateFile;

	/**
	 * Prepare to run a recorded command.
	 * @param command the record
	 * @param stateFile the state file it was read from
	 */
	public Relaunch(LaunchCommand command, Path stateFile) {
		this.command = command;
		this.stateFile = stateFile;
	}

	/**
	 * Say why the command cannot run again, before the daemon is stopped: never stop what
	 * cannot be started again.
	 * @return the problem, {@code null} when there is none
	 */
	public @Nullable String problem() {
		// Whoever can write the record chooses what this user runs: it must be this
		// user's own (root restarting a service user's daemon would run the service
		// user's choice as root)
		String user = System.getProperty("user.name");
		try {
			String owner = Files.getOwner(this.stateFile, LinkOption.NOFOLLOW_LINKS).getName();
			if (!owner.equals(user)) {
				// A daemon root started as daemon.user wrote its record as that user:
				// root restarts it by starting its own command again
				String asRoot = "root".equals(user)
						? ", or stop it and start it again with your own start command (an init script's restart does)"
						: "";
				return "its launch record " + this.stateFile + " belongs to " + owner + ", and this restart runs as "
						+ user + ": run the restart as " + owner + asRoot;
			}
		}
		catch (IOException ex) {
			return "its launch record " + this.stateFile + " cannot be checked (" + ex + ")";
		}
		if (!Files.isExecutable(this.command.getJvm())) {
			return "its JVM " + this.command.getJvm() + " is no longer there (or not executable)";
		}
		if (!Files.isDirectory(this.command.getDirectory())) {
			return "the directory it was launched from, " + this.command.getDirectory() + ", is gone";
		}
		return null;
	}

	/**
	 * Run the recorded command and wait for it: it is a launcher, which returns once the
	 * new daemon is ready or has failed.
	 * @param out this command's output, flushed first so that the lines stay in order
	 * @param err this command's error output
	 * @return the launcher's exit status
	 */
	public int run(PrintStream out, PrintStream err) {
		out.flush();
		err.flush();
		Path directory = null;
		try {
			directory = LauncherHandshake.privateDirectory();
			Path script = directory.resolve(LauncherHandshake.SCRIPT);
			Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
			List<byte[]> command = new ArrayList<>();
			command.add(this.command.getJvm().toString().getBytes(charset));
			command.addAll(this.command.getArguments());
			ShellScript.write(script, this.command.getDirectory().toString().getBytes(charset), command);
			ProcessBuilder builder = new ProcessBuilder(ShellScript.SH.toString(), script.toString()).inheritIO();
			// The variable that asked this command for the restart must not ask the new
			// launcher for one (Spring Boot reads all four spellings)
			builder.environment()
				.keySet()
				.removeIf((name) -> name.equalsIgnoreCase(DaemonKey.ACTION.property())
						|| name.equalsIgnoreCase(DaemonKey.ACTION.variable()));
			// sd_listen_fds' variables name this process, never the new launcher
			builder.environment().keySet().removeAll(SocketActivation.VARIABLES);
			Process process = builder.start();
			return process.waitFor();
		}
		catch (IOException ex) {
			err.println("bootd: could not run the command the daemon was launched with: " + ex);
			return LsbExitStatus.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return LsbExitStatus.FAILED;
		}
		finally {
			if (directory != null) {
				try {
					LauncherHandshake.remove(directory);
				}
				catch (IOException ex) {
					// Only our own script was in it
				}
			}
		}
	}

}
