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

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.bootd.socket.InheritedSocket;
import io.github.bootd.socket.SocketActivation;

/**
 * Starts the daemon child process.
 * <p>
 * Where util-linux's {@code setsid} is installed (every mainstream Linux distribution)
 * the child is started as {@code setsid -f /bin/sh <script>}, a {@link ShellScript} that
 * execs {@code java ...} in the same process: the classic double fork. The JVM then
 * starts in its own session, so a Ctrl-C or terminal hang-up during start-up can never
 * reach it; it is never the launcher's child, so the launcher leaves no zombie and does
 * not wait for it; and the JDK's process reaper thread, which would otherwise sit in
 * {@code waitpid} for the daemon's whole life, is gone before the launcher exits (a
 * thread blocked in native code delays the JVM's exit by 300 ms, see HotSpot's
 * {@code VM_Exit::wait_for_threads_in_native_to_block}). Without {@code setsid} the child
 * is started directly and calls {@code setsid()} itself as early as it can.
 *
 * @author bootd authors
 */
final class DaemonSpawner {

	private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

	private static final Path PROC = Path.of("/proc");

	private static final Duration FIND_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration FIND_INTERVAL = Duration.ofMillis(5);

	private DaemonSpawner() {
	}

	/**
	 * Start the child in this JVM's working directory, through a {@link ShellScript} so
	 * that its arguments arrive byte for byte whatever the locale.
	 * @param command the child's command line, which contains {@code marker}
	 * @param marker an argument unique to this launch
	 * @param script where to write the script that execs the child
	 * @param environment changes to the inherited environment
	 * @param prefix what runs the shell, such as {@code setpriv} with its options, which
	 * execs it: the marker is still in the process's command line once it has
	 * @return the child process
	 * @throws IOException if it cannot be started
	 */
	static ProcessHandle spawn(List<byte[]> command, String marker, Path script, Map<String, String> environment,
			List<String> prefix) throws IOException {
		return spawn(command, marker, script, environment, prefix, null, false, Set.of(), false);
	}

	/**
	 * Start the child in a directory, with this process' standard input if asked.
	 * @param command the child's command line, which contains {@code marker}
	 * @param marker an argument unique to this launch
	 * @param script where to write the script that execs the child
	 * @param environment changes to the inherited environment
	 * @param prefix what the shell runs under, such as the user switch; empty for none
	 * @param directory where the child starts, {@code null} for this JVM's working
	 * directory
	 * @param inheritInput whether the child gets this process' descriptor 0 (a listening
	 * socket lent to it) instead of /dev/null
	 * @param removed variables to remove from the inherited environment
	 * @param attached whether the child stays in this process' session with its standard
	 * output and error (a successor in the foreground under systemd, whose journal they
	 * are, and whose unit keeps it whatever its session) instead of detaching
	 * @return the child process
	 * @throws IOException if it cannot be started
	 */
	static ProcessHandle spawn(List<byte[]> command, String marker, Path script, Map<String, String> environment,
			List<String> prefix, byte @Nullable [] directory, boolean inheritInput, Set<String> removed,
			boolean attached) throws IOException {
		ShellScript.write(script, directory, command);
		Optional<Path> setsid = attached ? Optional.empty() : SETSID.stream().filter(Files::isExecutable).findFirst();
		List<String> fullCommand = new ArrayList<>();
		setsid.ifPresent((path) -> {
			fullCommand.add(path.toString());
			fullCommand.add("--fork");
		});
		fullCommand.addAll(prefix);
		// The marker as the shell's $1 too: the process carries it from its first exec on
		fullCommand.addAll(List.of(ShellScript.SH.toString(), script.toString(), marker));
		// A listening socket on standard input (socket activation, an upgrade) is the
		// child's to serve on; anything else it must not read (daemon(7)): /dev/null
		ProcessBuilder.Redirect input = (inheritInput || InheritedSocket.onStandardInput().isPresent())
				? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new File("/dev/null"));
		// No directory(): the child inherits the working directory exactly, whatever
		// bytes its name holds
		ProcessBuilder.Redirect output = attached ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD;
		ProcessBuilder builder = new ProcessBuilder(fullCommand).redirectInput(input)
			.redirectOutput(output)
			.redirectError(output);
		builder.environment().keySet().removeAll(removed);
		// sd_listen_fds' variables name this process: the JDK's copy of the environment
		// still has them, which no native unsetenv changes
		builder.environment().keySet().removeAll(SocketActivation.VARIABLES);
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (setsid.isEmpty()) {
			return process.toHandle();
		}
		try {
			int status = process.waitFor();
			if (status != 0) {
				throw new IOException(setsid.get() + " --fork exited with status " + status);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while starting the daemon", ex);
		}
		// setsid has forked and exited: its child, which carries the marker before and
		// after it execs the JVM, exists now. Its /proc/<pid>/cmdline can read empty for
		// a moment while it is inside execve, so look again, within a bound
		long deadline = System.nanoTime() + FIND_TIMEOUT.toNanos();
		while (true) {
			Optional<ProcessHandle> daemon = find(marker);
			if (daemon.isPresent()) {
				return daemon.get();
			}
			if (System.nanoTime() > deadline) {
				throw new IOException("The daemon process exited at once");
			}
			try {
				Thread.sleep(FIND_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while starting the daemon", ex);
			}
		}
	}

	private static Optional<ProcessHandle> find(String marker) throws IOException {
		byte[] needle = marker.getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path process : processes) {
				if (contains(read(process.resolve("cmdline")), needle)) {
					return ProcessHandle.of(Long.parseLong(process.getFileName().toString()));
				}
			}
		}
		return Optional.empty();
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			// The process exited, or belongs to a user we cannot see
			return new byte[0];
		}
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
