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

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.apache.commons.logging.Log;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import io.github.bootd.DaemonMode;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.DaemonSettings;
import io.github.bootd.Supervisor;
import io.github.bootd.control.ControlAction;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.control.LsbExitStatus;
import io.github.bootd.launch.DaemonHandshake.Kind;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.process.Detacher;
import io.github.bootd.process.NativePosix;
import io.github.bootd.signal.DaemonSignals;

/**
 * Decides whether to detach as soon as the configuration files are loaded, before
 * logging starts and long before the context refreshes, so that {@code daemon.enabled}
 * can come from any source Spring Boot reads and the launcher's own start-up stays short.
 * <p>
 * In the launching JVM it starts the daemon child and exits with the outcome. In the
 * child it finishes detaching (umask, working directory) before logging opens its files.
 *
 * @author bootd authors
 */
public final class DaemonEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Right after the configuration files are loaded. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private final ConfigurableBootstrapContext bootstrapContext;

	/** Logging starts after this runs: Spring Boot replays these lines once it has. */
	private final Log logger;

	public DaemonEnvironmentPostProcessor(DeferredLogFactory logFactory, ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
		this.logger = logFactory.getLog(DaemonEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (DaemonRuntime.current() != null || UnderTest.detect()) {
			// A JVM is one daemon, whatever number of application contexts it starts
			return;
		}
		Path launchDirectory = Path.of("").toAbsolutePath();
		ApplicationIdentity identity = new ApplicationIdentity(environment, application, launchDirectory);
		DaemonHandshake handshake = DaemonHandshake.current();
		Supervisor supervisor = Supervisor.detect(System.getenv(), ProcessHandle.current().pid());
		// Whether or not the daemon is enabled: a misspelled daemon.enabled is the very
		// case where nothing else would say a word
		List<String> unknown = UnknownDaemonProperties.find(environment);
		unknown.forEach(this.logger::warn);
		if (handshake == null) {
			// The daemon child ignores the action: its command line is the launcher's,
			// which says --daemon.action=restart when a restart starts it
			ControlCommand.Requested requested = ControlCommand.requested(environment, System.err);
			if (!requested.valid()) {
				System.exit(LsbExitStatus.INVALID_ARGUMENTS);
			}
			if (requested.action() != null && requested.action() != ControlAction.START) {
				printWarnings(unknown);
				System.exit(new ControlCommand(environment, launchDirectory, identity.name(), identity::defaultPidFile,
						System.out, System.err)
					.run(requested.action(), supervisor));
			}
		}
		DaemonSettings settings;
		try {
			settings = new DaemonSettingsBinder(environment, launchDirectory, identity::defaultPidFile).bind();
		}
		catch (InvalidDaemonPropertyException ex) {
			String analysis = FailureAnalysisText.format(new InvalidDaemonPropertyFailureAnalyzer().analyze(ex, ex));
			if (handshake != null) {
				sendWarnings(handshake, unknown);
				handshake.send(Kind.INVALID, analysis);
				System.exit(DaemonLauncher.EXIT_NOT_CONFIGURED);
			}
			if (detaches(modeOrAuto(environment), supervisor)) {
				// Nothing has detached yet: tell the user at the terminal they are looking at
				printWarnings(unknown);
				System.err.println(analysis);
				System.exit(DaemonLauncher.EXIT_NOT_CONFIGURED);
			}
			register(new DaemonLaunch(null, ex, supervisor, false, null, null));
			return;
		}
		boolean detach = settings.enabled() && detaches(settings.mode(), supervisor);
		if (handshake != null) {
			if (!detach) {
				// Launched on a guess that proved wrong: the launcher runs the application
				handshake.send(Kind.NOT_DAEMON, "");
				System.exit(0);
			}
			if (!errorFileInPidFileDirectory(settings)) {
				// The launcher started this child before it read the configuration, and
				// guessed the pid file's directory wrong: a JVM takes -XX:ErrorFile only
				// when it starts, so let the launcher start the daemon now that it knows
				handshake.send(Kind.NOT_DAEMON, "");
				System.exit(0);
			}
			// The launcher prints them: it may have started this child before reading
			// the configuration, and the daemon's own log is not where the user looks
			sendWarnings(handshake, unknown);
			handshake.send(Kind.DECIDED, Decision.of(identity.name(), settings).encode());
		}
		if (!settings.enabled()) {
			return;
		}
		LaunchDirectoryPaths.resolve(environment, launchDirectory);
		if (handshake == null && detach) {
			// The early launch did not guess it: launch now that the configuration says so
			Decision decision = Decision.of(identity.name(), settings);
			OptionalInt exit = new DaemonLauncher(launchDirectory, System.out, System.err).launch(decision);
			System.exit(exit.orElse(DaemonLauncher.EXIT_FAILED));
		}
		NativePosix posix = null;
		PidFile pidFile = null;
		if (handshake != null) {
			// Nullable by its type only: nothing registers a null Detacher, and begin() returns one
			Detacher detacher = Objects.requireNonNull(
					this.bootstrapContext.getOrElseSupply(Detacher.class, Detacher::begin));
			LaunchCommand launchCommand = handshake.readLaunchCommand();
			if (launchCommand != null) {
				LaunchCommand.remember(launchCommand);
			}
			// Handlers before the pid file exists (whoever reads it may send HUP at once),
			// after the session (its reset of ignored signals installs exit handlers)
			DaemonSignals.install(detacher.awaitSession());
			handshake.reportSignals();
			// Lock first: a refused start must not touch the running instance's output file
			pidFile = lockPidFile(settings, handshake);
			posix = detacher.complete(settings.umask(), settings.outputFile(), settings.workingDirectory());
		}
		register(new DaemonLaunch(settings, null, supervisor, handshake != null, posix, pidFile));
	}

	/**
	 * Perform an action other than start on a configuration that was loaded some other
	 * way than this post-processor's (what could be read of a broken one).
	 * @param environment the configuration
	 * @param application the application
	 * @param action the action
	 * @return the LSB exit status
	 */
	static int runAction(ConfigurableEnvironment environment, SpringApplication application, ControlAction action) {
		Path launchDirectory = Path.of("").toAbsolutePath();
		ApplicationIdentity identity = new ApplicationIdentity(environment, application, launchDirectory);
		return new ControlCommand(environment, launchDirectory, identity.name(), identity::defaultPidFile, System.out,
				System.err)
			.run(action, Supervisor.detect(System.getenv(), ProcessHandle.current().pid()));
	}

	private @Nullable PidFile lockPidFile(DaemonSettings settings, DaemonHandshake handshake) {
		try {
			PidFile pidFile = PidFile.acquire(settings.pidFile());
			// From now on any orderly exit removes it, even a TERM during start-up
			SpringApplication.getShutdownHandlers().add(pidFile::closeQuietly);
			return pidFile;
		}
		catch (DaemonAlreadyRunningException ex) {
			handshake.send(Kind.RUNNING, String.valueOf(ex.getPid()));
			System.exit(DaemonLauncher.EXIT_OK);
			return null;
		}
		catch (IOException ex) {
			// Reported by the run listener once logging works
			return null;
		}
	}

	private static boolean errorFileInPidFileDirectory(DaemonSettings settings) {
		Path directory = settings.pidFile().getParent();
		try {
			return directory == null || HotSpotErrorFile.pointsInto(directory, JvmCommandLine.current().arguments());
		}
		catch (IOException ex) {
			// No /proc: no command line to check, and none to start again either
			return true;
		}
	}

	private static void printWarnings(List<String> warnings) {
		warnings.forEach((warning) -> System.err.println("bootd: warning: " + warning));
	}

	private static void sendWarnings(DaemonHandshake handshake, List<String> warnings) {
		warnings.forEach((warning) -> handshake.send(Kind.WARNING, warning));
	}

	private void register(DaemonLaunch launch) {
		this.bootstrapContext.register(DaemonLaunch.class, InstanceSupplier.of(launch));
	}

	static boolean detaches(DaemonMode mode, Supervisor supervisor) {
		return mode == DaemonMode.DETACH || (mode == DaemonMode.AUTO && supervisor == Supervisor.NONE);
	}

	private static DaemonMode modeOrAuto(ConfigurableEnvironment environment) {
		try {
			return Binder.get(environment).bind("daemon.mode", DaemonMode.class).orElse(DaemonMode.AUTO);
		}
		catch (RuntimeException ex) {
			return DaemonMode.AUTO;
		}
	}

	/**
	 * The default pid file: systemd's {@code RuntimeDirectory=} when there is one, else
	 * beside the application jar, so that starts from different directories find the same
	 * lock.
	 * @param runtimeDirectories the value of {@code RUNTIME_DIRECTORY}, if any
	 * @param launchDirectory the working directory at launch
	 * @param home the directory of the application jar
	 * @param name the application's name
	 * @return the default pid file
	 */
	static Path defaultPidFile(@Nullable String runtimeDirectories, Path launchDirectory, Path home, String name) {
		if (StringUtils.hasText(runtimeDirectories)) {
			return Path.of(runtimeDirectories.split(":")[0], name + ".pid");
		}
		return launchDirectory.resolve(home).resolve(name + ".pid").normalize();
	}

	/**
	 * The application's name and default pid file, worked out only when needed: most
	 * applications with the starter do not enable the daemon, and locating the jar
	 * ({@link ApplicationHome}) is work their start-up need not pay for.
	 */
	private static final class ApplicationIdentity {

		private final ConfigurableEnvironment environment;

		private final SpringApplication application;

		private final Path launchDirectory;

		private @Nullable ApplicationHome home;

		ApplicationIdentity(ConfigurableEnvironment environment, SpringApplication application,
				Path launchDirectory) {
			this.environment = environment;
			this.application = application;
			this.launchDirectory = launchDirectory;
		}

		String name() {
			String name = this.environment.getProperty("spring.application.name");
			if (StringUtils.hasText(name)) {
				return name;
			}
			File source = home().getSource();
			if (source != null && source.isFile()) {
				return StringUtils.stripFilenameExtension(source.getName());
			}
			return "application";
		}

		Path defaultPidFile() {
			return DaemonEnvironmentPostProcessor.defaultPidFile(System.getenv("RUNTIME_DIRECTORY"),
					this.launchDirectory, home().getDir().toPath(), name());
		}

		private ApplicationHome home() {
			if (this.home == null) {
				this.home = new ApplicationHome(this.application.getMainApplicationClass());
			}
			return this.home;
		}

	}

}
