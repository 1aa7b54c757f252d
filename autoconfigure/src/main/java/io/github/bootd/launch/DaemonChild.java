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
package io.github.bootd.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;

import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.launch.handshake.DaemonHandshake.Kind;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launcher.DaemonLauncher;
import io.github.bootd.launcher.HotSpotErrorFile;
import io.github.bootd.launcher.JvmCommandLine;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.upgrade.Succession;
import io.github.bootd.process.Detacher;
import io.github.bootd.process.NativePosix;
import io.github.bootd.process.ProcessExit;
import io.github.bootd.signal.DaemonSignals;

/**
 * The daemon child's side of its start, once its environment is prepared: it tells the
 * launcher what it decided, finishes detaching and locks the pid file, before logging
 * opens its files. The rest (readiness, failure) it reports from the run listener.
 *
 * @author bootd authors
 */
final class DaemonChild {

	private final DaemonHandshake handshake;

	private final ConfigurableBootstrapContext bootstrapContext;

	DaemonChild(DaemonHandshake handshake, ConfigurableBootstrapContext bootstrapContext) {
		this.handshake = handshake;
		this.bootstrapContext = bootstrapContext;
	}

	/**
	 * Tell the launcher that the configuration asks for no daemon child (it runs the
	 * application itself, or starts the child again) and exit.
	 */
	void decline() {
		this.handshake.send(Kind.NOT_DAEMON, "");
		ProcessExit.exit(0);
	}

	/**
	 * Tell the launcher the configuration is invalid and exit.
	 * @param warnings the warnings about unknown keys
	 * @param analysis the failure analysis
	 */
	void refuse(List<String> warnings, String analysis) {
		sendWarnings(warnings);
		this.handshake.send(Kind.INVALID, analysis);
		ProcessExit.exit(DaemonLauncher.EXIT_NOT_CONFIGURED);
	}

	/**
	 * Tell the launcher what this daemon decided, before anything else it reports.
	 * @param name the application's name
	 * @param settings the settings
	 * @param warnings the warnings about unknown keys
	 */
	void decided(String name, DaemonSettings settings, List<String> warnings) {
		// The launcher prints them: it may have started this child before reading the
		// configuration, and the daemon's own log is not where the user looks
		sendWarnings(warnings);
		this.handshake.send(Kind.DECIDED, Decision.of(name, settings).encode());
	}

	/**
	 * Finish detaching: signal handlers, the pid file's lock, then umask, working
	 * directory and output. Exits when another instance holds the pid file.
	 * @param settings the settings
	 * @return what the run listener needs to go on
	 */
	Detached detach(DaemonSettings settings) {
		// Nullable by its type only: nothing registers a null Detacher, and begin()
		// returns one
		Detacher detacher = Objects
			.requireNonNull(this.bootstrapContext.getOrElseSupply(Detacher.class, Detacher::begin));
		LaunchCommand launchCommand = this.handshake.readLaunchCommand();
		if (launchCommand != null) {
			LaunchCommand.remember(launchCommand);
		}
		// Handlers before the pid file exists (whoever reads it may send HUP at once),
		// after the session (its reset of ignored signals installs exit handlers)
		DaemonSignals.install(detacher.awaitSession());
		this.handshake.reportSignals();
		// Lock first: a refused start must not touch the running instance's output file
		PidFile pidFile = lockPidFile(settings);
		NativePosix posix = detacher.complete(settings.umask(), settings.outputFile(), settings.workingDirectory());
		return new Detached(posix, pidFile);
	}

	/**
	 * Take the predecessor's place in the foreground: the launch record for the next
	 * upgrade, and the pid file's successor lock (the run listener installs the signal
	 * handlers, as for any daemon in the foreground). Exits when another instance holds
	 * the pid file.
	 * @param settings the settings
	 * @return the pid file, {@code null} when it could not be written
	 */
	@Nullable PidFile succeedInForeground(DaemonSettings settings) {
		LaunchCommand launchCommand = this.handshake.readLaunchCommand();
		if (launchCommand != null) {
			LaunchCommand.remember(launchCommand);
		}
		return lockPidFile(settings);
	}

	private @Nullable PidFile lockPidFile(DaemonSettings settings) {
		try {
			PidFile pidFile = succeeds(settings.pidFile()) ? PidFile.acquireForSuccession(settings.pidFile())
					: PidFile.acquire(settings.pidFile());
			// From now on any orderly exit removes it, even a TERM during start-up
			SpringApplication.getShutdownHandlers().add(pidFile::closeQuietly);
			return pidFile;
		}
		catch (DaemonAlreadyRunningException ex) {
			this.handshake.send(Kind.RUNNING, String.valueOf(ex.getPid()));
			ProcessExit.exit(DaemonLauncher.EXIT_OK);
			return null;
		}
		catch (IOException ex) {
			// Reported by the run listener once logging works
			return null;
		}
	}

	/**
	 * Whether this child was started by an upgrade of the daemon that holds its pid file:
	 * then it takes the file over once ready, instead of refusing to start. A successor
	 * whose configuration names another pid file is an ordinary start.
	 */
	private static boolean succeeds(Path pidFile) throws IOException {
		Succession succession = Succession.ofThisProcess();
		if (succession == null) {
			return false;
		}
		OptionalLong holder = PidFile.holder(pidFile);
		return holder.isPresent() && holder.getAsLong() == succession.predecessor();
	}

	private void sendWarnings(List<String> warnings) {
		warnings.forEach((warning) -> this.handshake.send(Kind.WARNING, warning));
	}

	/**
	 * Whether the JVM's error file goes to the pid file's directory, as the launcher
	 * meant it to.
	 * @param settings the settings
	 * @return whether it does, or cannot be checked
	 */
	static boolean errorFileInPidFileDirectory(DaemonSettings settings) {
		Path directory = settings.pidFile().getParent();
		try {
			return directory == null || HotSpotErrorFile.pointsInto(directory, JvmCommandLine.current().arguments());
		}
		catch (IOException ex) {
			// No /proc: no command line to check, and none to start again either
			return true;
		}
	}

	/**
	 * The detached child's native calls and pid file.
	 *
	 * @param posix the native calls
	 * @param pidFile the locked pid file, {@code null} when it could not be written
	 */
	record Detached(NativePosix posix, @Nullable PidFile pidFile) {

	}

}
