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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.Supervisor;
import io.github.bootd.settings.ControlAction;
import io.github.bootd.control.DaemonControl;
import io.github.bootd.control.DaemonState;
import io.github.bootd.control.RunMode;
import io.github.bootd.control.DaemonStateFile;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.control.LsbExitStatus;
import io.github.bootd.settings.DaemonSettingsBinder.ControlSettings;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launcher.DaemonLauncher;
import io.github.bootd.launcher.Relaunch;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.settings.DaemonSettingsBinder;
import io.github.bootd.settings.InvalidDaemonPropertyException;
import io.github.bootd.settings.InvalidDaemonPropertyFailureAnalyzer;

/**
 * Runs a {@code --daemon.action} in the JVM that was asked for it, once the configuration
 * is loaded (it names the pid file) and before logging or any context exists: a control
 * action must be cheap and must never start a second copy of the application.
 *
 * @author bootd authors
 */
final class ControlCommand {

	private static final String PROPERTY = DaemonKey.ACTION.property();

	private final ConfigurableEnvironment environment;

	private final Path launchDirectory;

	private final String name;

	private final Supplier<Path> defaultPidFile;

	private final PrintStream out;

	private final PrintStream err;

	ControlCommand(ConfigurableEnvironment environment, Path launchDirectory, String name,
			Supplier<Path> defaultPidFile, PrintStream out, PrintStream err) {
		this.environment = environment;
		this.launchDirectory = launchDirectory;
		this.name = name;
		this.defaultPidFile = defaultPidFile;
		this.out = out;
		this.err = err;
	}

	/**
	 * Return the action the configuration asks for. An unknown action is reported here,
	 * not by the settings binder, because it is a bad argument (LSB exit status 2), not a
	 * bad configuration (6).
	 * @param environment the environment
	 * @param err where to report an unknown action
	 * @return the action, {@code null} without one, or empty when invalid
	 */
	static Requested requested(ConfigurableEnvironment environment, PrintStream err) {
		try {
			return new Requested(Binder.get(environment).bind(PROPERTY, ControlAction.class).orElse(null), true);
		}
		catch (BindException ex) {
			err.printf("bootd: invalid value '%s' for property '%s': it is not an action bootd knows. Use one of"
					+ " start, stop, restart, status, reload, reopen-logs or upgrade, such as --daemon.action=status.%n",
					environment.getProperty(PROPERTY), PROPERTY);
			return new Requested(null, false);
		}
	}

	/**
	 * Perform an action other than start.
	 * @param action the action
	 * @param supervisor the supervisor this command runs under
	 * @return the LSB exit status
	 */
	int run(ControlAction action, Supervisor supervisor) {
		DaemonSettingsBinder binder = new DaemonSettingsBinder(this.environment, this.launchDirectory,
				this.defaultPidFile);
		ControlSettings control;
		DaemonSettings settings = null;
		try {
			control = binder.bindControl();
			if (action == ControlAction.RESTART) {
				// Check the start before the stop: never stop what cannot be started
				// again
				settings = binder.bind();
			}
		}
		catch (InvalidDaemonPropertyException ex) {
			this.err.println(InvalidDaemonPropertyFailureAnalyzer.text(ex));
			return (action == ControlAction.STATUS) ? LsbExitStatus.STATUS_UNKNOWN : LsbExitStatus.NOT_CONFIGURED;
		}
		if (action != ControlAction.RESTART) {
			return new DaemonControl(this.name, pidFileToActOn(control.pidFile()), control.stopTimeout(),
					control.startupTimeout(), this.out, this.err)
				.run(action);
		}
		DaemonControl daemon = new DaemonControl(this.name, control.pidFile(), control.stopTimeout(),
				control.startupTimeout(), this.out, this.err);
		return restart(daemon, settings, supervisor);
	}

	/**
	 * The pid file an action looks in. The systemd units let the daemon put it in
	 * {@code $RUNTIME_DIRECTORY} ({@code RuntimeDirectory=}, {@code /run/<name>/}), but
	 * an action run from outside the unit (logrotate's postrotate, cron, a shell) has no
	 * such variable and would look beside the jar: without a configured pid file it looks
	 * in {@code /run/<name>/<name>.pid} too. Not for restart, whose start would then run
	 * a second copy beside systemd's.
	 */
	private Path pidFileToActOn(Path configured) {
		return pidFileToActOn(this.environment.getProperty(DaemonKey.PID_FILE.property()) != null,
				System.getenv("RUNTIME_DIRECTORY"), this.name, configured);
	}

	/**
	 * The pid file an action other than restart looks in, as {@link #run} finds it; also
	 * for the {@link EarlyAnswer early status}, which must find the same.
	 * @param pidFileSet whether {@code daemon.pid-file} is set
	 * @param runtimeDirectory the value of {@code RUNTIME_DIRECTORY}, if any
	 * @param name the application's name
	 * @param configured the pid file of the configuration
	 * @return the pid file to act on
	 */
	static Path pidFileToActOn(boolean pidFileSet, @Nullable String runtimeDirectory, String name, Path configured) {
		if (pidFileSet || StringUtils.hasText(runtimeDirectory)) {
			return configured;
		}
		Path systemd = Path.of("/run", name, name + ".pid");
		if (isLocked(configured) || !isLocked(systemd) && (Files.exists(configured, LinkOption.NOFOLLOW_LINKS)
				|| !Files.exists(systemd, LinkOption.NOFOLLOW_LINKS))) {
			return configured;
		}
		return systemd;
	}

	private static boolean isLocked(Path pidFile) {
		try {
			return PidFile.holder(pidFile).isPresent();
		}
		catch (IOException ex) {
			// Unreadable: the action on it reports why
			return Files.exists(pidFile, LinkOption.NOFOLLOW_LINKS);
		}
	}

	private int restart(DaemonControl daemon, @Nullable DaemonSettings settings, Supervisor supervisor) {
		if (settings == null || !settings.enabled()) {
			this.err.println("bootd: cannot restart " + this.name + ": daemon.enabled is not true, so a start would"
					+ " not run it as a daemon. Set daemon.enabled=true.");
			return LsbExitStatus.NOT_CONFIGURED;
		}
		if (!RoleDecision.detaches(settings.mode(), supervisor)) {
			// LSB 3, "unimplemented feature": a foreground service belongs to its
			// supervisor
			this.err.println("bootd: cannot restart " + this.name + " from here: with daemon.mode="
					+ settings.mode().name().toLowerCase(Locale.ROOT) + " under supervisor "
					+ supervisor.name().toLowerCase(Locale.ROOT)
					+ " it runs in the foreground, so restart it through its supervisor (systemctl restart)"
					+ " or use daemon.mode=detach.");
			return LsbExitStatus.UNIMPLEMENTED;
		}
		DaemonState running = daemon.runningState();
		if (running != null && !RunMode.DETACHED.stateText().equals(running.mode())) {
			this.err.println("bootd: cannot restart " + this.name + " from here: it runs " + running.mode() + " (pid "
					+ running.pid() + "), so restart it the way it was started (systemctl restart for a"
					+ " systemd service)");
			return LsbExitStatus.UNIMPLEMENTED;
		}
		// The daemon's own record, not this command's JVM and arguments: a restart must
		// bring back the daemon that ran, on its JVM with its options, from its directory
		LaunchCommand recorded = (running != null) ? running.launchCommand() : null;
		Relaunch relaunch = (recorded != null)
				? new Relaunch(recorded, DaemonStateFile.beside(settings.pidFile()).getPath()) : null;
		String problem = (relaunch != null) ? relaunch.problem() : null;
		if (problem != null && running != null) {
			this.err.println("bootd: cannot restart " + this.name + " (pid " + running.pid() + "): " + problem
					+ "; it keeps running. Stop it and start it again with the command you want.");
			return LsbExitStatus.NOT_CONFIGURED;
		}
		boolean wasRunning = isRunning(settings);
		int stopped = daemon.stop();
		if (stopped != LsbExitStatus.OK) {
			return stopped;
		}
		if (relaunch != null) {
			return relaunch.run(this.out, this.err);
		}
		if (wasRunning) {
			this.err.println("bootd: " + this.name + " left no record of the command it was launched with (started by"
					+ " an older bootd, or restarted before it was ready): starting it with this command's JVM, options"
					+ " and arguments instead, without --daemon.action");
		}
		OptionalInt started = new DaemonLauncher(this.launchDirectory, this.out, this.err)
			.launch(Decision.of(this.name, settings));
		return started.orElse(LsbExitStatus.FAILED);
	}

	private static boolean isRunning(DaemonSettings settings) {
		try {
			return PidFile.holder(settings.pidFile()).isPresent();
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The requested action, and whether the request could be read.
	 *
	 * @param action the action, {@code null} for none
	 * @param valid whether the value was a known action
	 */
	record Requested(@Nullable ControlAction action, boolean valid) {

	}

}
