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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.bootd.settings.DaemonProperties;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launch.handshake.LauncherHandshake;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.privilege.UserSwitch;
import io.github.bootd.signal.HandleableSignals;

/**
 * Starts the daemon child and waits for its reports, so that the launching command
 * returns only once the service is really ready, or says why it is not and exits non-zero
 * with nothing left running.
 *
 * @author bootd authors
 */
public final class DaemonLauncher {

	/** Exit status when the daemon runs (LSB: starting a running service succeeds). */
	public static final int EXIT_OK = 0;

	/** Exit status when the daemon failed to start or did not become ready in time. */
	public static final int EXIT_FAILED = 1;

	/**
	 * Exit status for an invalid {@code daemon.*} value (LSB: program is not configured).
	 */
	public static final int EXIT_NOT_CONFIGURED = 6;

	private final Path launchDirectory;

	private final PrintStream out;

	private final PrintStream err;

	private @Nullable Path errorFileDirectory;

	public DaemonLauncher(Path launchDirectory, PrintStream out, PrintStream err) {
		this.launchDirectory = launchDirectory;
		this.out = out;
		this.err = err;
	}

	/**
	 * Set where the daemon's {@link HotSpotErrorFile error file} goes when the launch
	 * knows no decision yet (a guess that the child corrects).
	 * @param directory the pid file's directory, as far as the launcher can tell
	 * @return this launcher
	 */
	public DaemonLauncher errorFileDirectory(Path directory) {
		this.errorFileDirectory = directory;
		return this;
	}

	/**
	 * Launch the daemon child and wait for it.
	 * @param known what the launcher knows of the configuration already, or {@code null}
	 * when it launches before loading it and the child decides
	 * @return the exit status for the launching command, or empty when the child found
	 * the configuration does not ask for a detached daemon and this JVM should run the
	 * application itself
	 */
	public OptionalInt launch(@Nullable Decision known) {
		return launch(known, null);
	}

	/**
	 * Launch the daemon child and wait for it.
	 * @param known what the launcher knows of the configuration already, or {@code null}
	 * when it launches before loading it and the child decides
	 * @param userSwitch the user to start the child as, {@code null} to start it as this
	 * JVM's user (only a launcher that knows the configuration can switch)
	 * @return the exit status for the launching command, or empty when the child found
	 * the configuration does not ask for a detached daemon and this JVM should run the
	 * application itself
	 */
	public OptionalInt launch(@Nullable Decision known, @Nullable UserSwitch userSwitch) {
		if (known != null && !HandleableSignals.refusedToDetach().isEmpty()) {
			// The child runs with this JVM's options: it could not handle them either
			this.err.println(cannotHandleSignals(known, HandleableSignals.refusedToDetach()));
			return OptionalInt.of(EXIT_NOT_CONFIGURED);
		}
		try {
			if (known != null) {
				OptionalLong holder = PidFile.holder(known.pidFile());
				if (holder.isPresent()) {
					this.out.println(alreadyRunning(known.name(), known.pidFile(), holder.getAsLong()));
					return OptionalInt.of(EXIT_OK);
				}
			}
			try (LauncherHandshake handshake = LauncherHandshake.open()) {
				ProcessHandle process = start(handshake, known, userSwitch);
				return new LaunchWait(LaunchWait.Child.of(process), LaunchWait.Reports.of(handshake), known,
						new DaemonProperties().getStartupTimeout(), this.out, this.err, LaunchWait.Clock.SYSTEM)
					.run();
			}
		}
		catch (IOException ex) {
			this.err.println("bootd: could not start the daemon: " + ex);
			return OptionalInt.of(EXIT_FAILED);
		}
	}

	/**
	 * Start the child: the same command line with a marker, stdin from /dev/null and
	 * stdout and stderr on /dev/null until the child, which knows its output file, puts
	 * them there itself.
	 */
	private ProcessHandle start(LauncherHandshake handshake, @Nullable Decision known, @Nullable UserSwitch userSwitch)
			throws IOException {
		// The launcher's JVM holds the ports of its debug and JMX agents: the daemon must
		// not get options that would make it fail to bind them
		Predicate<String> leaveOut = InheritedJvmOptions.leftOut(JmxAgent.releasePort());
		List<String> dropped = new ArrayList<>();
		String marker = "-D" + DaemonHandshake.PROPERTY + "=" + handshake.socket();
		JvmCommandLine current = JvmCommandLine.current();
		List<byte[]> command = current.forDaemonBytes(marker, leaveOut, dropped);
		Path errorFileDirectory = (known != null) ? known.pidFile().getParent() : this.errorFileDirectory;
		if (errorFileDirectory != null && !HotSpotErrorFile.setByUser(current, System.getenv())) {
			// Right before the marker (argv[1]), where the child tells it from an option
			// of the user's
			command.add(1, JvmCommandLine.encode(HotSpotErrorFile.option(errorFileDirectory)));
		}
		// The daemon records how it was launched, for a restart to run the same again
		current.launchCommand(this.launchDirectory).writeTo(handshake.directory().resolve(LauncherHandshake.RECORD));
		Map<String, String> environment = InheritedJvmOptions.environment(System.getenv(), leaveOut, dropped);
		if (!dropped.isEmpty()) {
			this.err.println("bootd: the launcher holds the port of these JVM options, so the daemon runs without "
					+ "them: " + String.join(" ", dropped) + " (use daemon.mode=foreground to debug or monitor it)");
		}
		List<String> prefix = List.of();
		if (userSwitch != null) {
			// The binder found setpriv, or it would not have asked for a switch
			prefix = userSwitch.command(UserSwitch.setpriv().orElseThrow());
			environment.putAll(userSwitch.environment());
			handshake.giveTo(userSwitch.account().uid(), userSwitch.gid());
			if (known != null) {
				RuntimeDirectory.createFor(known.pidFile(), userSwitch);
			}
		}
		return DaemonSpawner.spawn(command, marker, handshake.directory().resolve(LauncherHandshake.SCRIPT),
				environment, prefix);
	}

	/**
	 * A detached daemon is reloaded with HUP (logrotate, the reload action) and stopped
	 * with TERM; if its JVM cannot handle them, they kill it on the spot and leave its
	 * pid file behind, so it must not start at all.
	 */
	static String cannotHandleSignals(Decision decision, List<String> refused) {
		String option = HandleableSignals.reducedSignalUsageOption();
		String cause = (option != null) ? "the JVM runs with " + option
				: "the JVM refused a handler for " + HandleableSignals.describe(refused);
		String fix = (option != null)
				? "remove " + option + " from the java command (or JAVA_TOOL_OPTIONS," + " JDK_JAVA_OPTIONS)"
				: "start it on a JVM that lets it handle them";
		return "bootd: " + decision.name() + " was not started as a daemon: it could not handle "
				+ HandleableSignals.describe(refused) + " (" + cause + "), so a reload or logrotate's kill -HUP"
				+ " would kill it instead of reloading it, and a stop would end it without its graceful shutdown and"
				+ " leave its pid file " + decision.pidFile() + " behind. To run it detached, " + fix
				+ "; or run it in the foreground (daemon.mode=foreground, under systemd or a container), where bootd"
				+ " warns and its actions refuse to send those signals.";
	}

	public static String alreadyRunning(String name, Path pidFile, long pid) {
		return "bootd: " + name + " is " + DaemonAlreadyRunningException.message(pidFile, (pid > 0) ? pid : null);
	}

}
