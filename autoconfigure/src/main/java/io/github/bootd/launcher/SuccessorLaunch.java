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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.bootd.control.LaunchCommand;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launch.handshake.LauncherHandshake;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.process.NativePosix;
import io.github.bootd.settings.DaemonKey;
import io.github.bootd.upgrade.Succession;

/**
 * Starts the successor of a running daemon, as its launcher would, from the command the
 * daemon was launched with (the jar at that path may be a new build), and waits until it
 * is ready or has failed. The running daemon is the launcher here: it lends the successor
 * its listening socket on descriptor 0 for the spawn, so the port is never closed and
 * never bound twice.
 *
 * @author bootd authors
 */
public final class SuccessorLaunch {

	/**
	 * Variables the successor must not inherit: an action would run again, a socket
	 * activation's variables name the predecessor, and {@code WATCHDOG_PID} names the
	 * predecessor, which would make the successor think the watchdog is someone else's
	 * (sd_watchdog_enabled(3)).
	 */
	private static final List<String> REMOVED = List.of(DaemonKey.ACTION.property(), DaemonKey.ACTION.variable(),
			"LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES", "WATCHDOG_PID");

	/**
	 * The watchdog's period: a detached successor has no watchdog (systemd follows no
	 * detached process), one that becomes a unit's main process keeps the unit's.
	 */
	private static final String WATCHDOG_USEC = "WATCHDOG_USEC";

	private final LaunchCommand record;

	private final Duration startupTimeout;

	private final boolean attached;

	private SuccessorLaunch(LaunchCommand record, Duration startupTimeout, boolean attached) {
		this.record = record;
		this.startupTimeout = startupTimeout;
		this.attached = attached;
	}

	/**
	 * Prepare to start a successor.
	 * @param record the command the running daemon was launched with
	 * @param startupTimeout how long the successor may take when its configuration says
	 * nothing else
	 * @return the launch
	 */
	public static SuccessorLaunch of(LaunchCommand record, Duration startupTimeout) {
		return new SuccessorLaunch(record, startupTimeout, false);
	}

	/**
	 * Start the successor attached instead: in this process' session, with its standard
	 * output and error, and with the watchdog's period, as the next main process of the
	 * systemd unit this one runs in the foreground of.
	 * @return the launch
	 */
	public SuccessorLaunch attached() {
		return new SuccessorLaunch(this.record, this.startupTimeout, true);
	}

	/**
	 * Start the successor with the listening socket on its descriptor 0 and wait for it.
	 * @param posix the native calls
	 * @param listeningSocket this process' descriptor of the listening socket
	 * @param succession the variables that tell the successor about this instance
	 * @param started told the successor's pid as soon as it is known
	 * @return the outcome
	 * @throws IOException if the successor cannot be started at all
	 */
	public Outcome start(NativePosix posix, int listeningSocket, Map<String, String> succession, PidListener started)
			throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		PrintStream report = new PrintStream(text, true, StandardCharsets.UTF_8);
		try (LauncherHandshake handshake = LauncherHandshake.open()) {
			String marker = "-D" + DaemonHandshake.PROPERTY + "=" + handshake.socket();
			// This daemon holds the ports of any debug or JMX agent it runs: the
			// successor must not fail binding them, so it runs without those options
			Predicate<String> leaveOut = InheritedJvmOptions.leftOut(false);
			List<String> dropped = new ArrayList<>();
			List<byte[]> command = JvmCommandLine.of(this.record).forDaemonBytes(marker, leaveOut, dropped);
			Map<String, String> environment = new HashMap<>(
					InheritedJvmOptions.environment(System.getenv(), leaveOut, dropped));
			environment.putAll(succession);
			Set<String> removed = new HashSet<>(REMOVED);
			if (!this.attached) {
				removed.add(WATCHDOG_USEC);
			}
			removed.addAll(Succession.variables());
			removed.removeAll(succession.keySet());
			if (!dropped.isEmpty()) {
				report.println("bootd: the running daemon holds the ports of these JVM options, so its successor runs"
						+ " without them: " + String.join(" ", dropped));
			}
			this.record.writeTo(handshake.directory().resolve(LauncherHandshake.RECORD));
			byte[] directory = JvmCommandLine.encode(this.record.getDirectory().toString());
			Path script = handshake.directory().resolve(LauncherHandshake.SCRIPT);
			ProcessHandle process = posix.withStandardInput(listeningSocket, () -> DaemonSpawner.spawn(command, marker,
					script, environment, List.of(), directory, true, removed, this.attached));
			started.started(process.pid());
			LaunchWait wait = new LaunchWait(LaunchWait.Child.of(process), LaunchWait.Reports.of(handshake), null,
					this.startupTimeout, report, report, LaunchWait.Clock.SYSTEM)
				.removingStale(PidFile::successorPath);
			OptionalInt status = wait.run();
			report.flush();
			return new Outcome(status.isPresent() ? status.getAsInt() : DaemonLauncher.EXIT_FAILED, process,
					wait.decided(), text.toString(StandardCharsets.UTF_8).strip(), status.isEmpty());
		}
	}

	/**
	 * Told the successor's pid once it runs.
	 */
	@FunctionalInterface
	public interface PidListener {

		/**
		 * The successor runs.
		 * @param pid its pid
		 */
		void started(long pid);

	}

	/**
	 * How the successor's start ended.
	 *
	 * @param status the exit status its launcher would have had (0 ready)
	 * @param process the successor
	 * @param decision what it decided, {@code null} when it failed before saying
	 * @param text what its launcher would have printed
	 * @param notDaemon whether its configuration asks for no detached daemon
	 */
	public record Outcome(int status, ProcessHandle process, @Nullable Decision decision, String text,
			boolean notDaemon) {

		/**
		 * Return the pid file the successor chose.
		 * @return its pid file, {@code null} when it did not say
		 */
		public @Nullable Path pidFile() {
			return (this.decision != null) ? this.decision.pidFile() : null;
		}

	}

}
