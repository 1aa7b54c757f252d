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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonMode;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.Supervisor;
import io.github.bootd.settings.ControlAction;
import io.github.bootd.control.LaunchCommand;
import io.github.bootd.control.LsbExitStatus;
import io.github.bootd.launch.handshake.DaemonHandshake.Kind;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.launch.handshake.Decision;
import io.github.bootd.launcher.DaemonLauncher;
import io.github.bootd.launcher.HotSpotErrorFile;
import io.github.bootd.launcher.JvmCommandLine;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.privilege.ProcessCredentials;
import io.github.bootd.process.Detacher;
import io.github.bootd.process.ProcessExit;
import io.github.bootd.signal.DaemonSignals;
import io.github.bootd.socket.SocketActivation;
import io.github.bootd.upgrade.Succession;
import io.github.bootd.settings.DaemonSettingsBinder;
import io.github.bootd.settings.InvalidDaemonPropertyException;
import io.github.bootd.settings.InvalidDaemonPropertyFailureAnalyzer;
import io.github.bootd.settings.UnknownDaemonProperties;

/**
 * Decides whether to detach as soon as the configuration files are loaded, before logging
 * starts and long before the context refreshes, so that {@code daemon.enabled} can come
 * from any source Spring Boot reads and the launcher's own start-up stays short.
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

	public DaemonEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
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
		// Done by the earliest hook already (EarlyLaunch); said once logging works
		SocketActivation.adopt();
		SocketActivation.adopted().ifPresent((activation) -> {
			this.logger.info(activation.description());
			activation.warnings().forEach(this.logger::warn);
		});
		Path launchDirectory = Path.of("").toAbsolutePath();
		ApplicationIdentity identity = new ApplicationIdentity(environment, application, launchDirectory);
		DaemonHandshake handshake = DaemonHandshake.current();
		Supervisor supervisor = Supervisor.detect(System.getenv(), ProcessHandle.current().pid());
		// Whether or not the daemon is enabled: a misspelled daemon.enabled is the very
		// case where nothing else would say a word
		List<String> unknown = UnknownDaemonProperties.find(environment);
		unknown.forEach(this.logger::warn);
		ControlCommand.Requested requested = (handshake != null) ? new ControlCommand.Requested(null, true)
				: ControlCommand.requested(environment, System.err);
		BoundSettings bound = new BoundSettings(environment, launchDirectory, identity::defaultPidFile,
				(mode) -> RoleDecision.detaches(mode, supervisor));
		LaunchRole role = RoleDecision.decide(
				new RoleDecision.Facts(handshake != null, requested.valid(), requested.action(), bound::configuration,
						supervisor, () -> startedAsConfigured(bound.settings()), Succession.ofThisProcess() != null));
		switch (role) {
			case CONTROL_CLIENT -> {
				if (!requested.valid()) {
					ProcessExit.exit(LsbExitStatus.INVALID_ARGUMENTS);
					return;
				}
				printWarnings(unknown);
				// The role decision names a control client only for a valid action other
				// than start
				ControlAction action = Objects.requireNonNull(requested.action());
				ProcessExit.exit(new ControlCommand(environment, launchDirectory, identity.name(),
						identity::defaultPidFile, System.out, System.err)
					.run(action, supervisor));
			}
			case LAUNCHER -> {
				InvalidDaemonPropertyException problem = bound.problem();
				if (problem != null) {
					// Nothing has detached yet: tell the user at the terminal they are
					// looking at
					printWarnings(unknown);
					System.err.println(analysis(problem));
					ProcessExit.exit(DaemonLauncher.EXIT_NOT_CONFIGURED);
					return;
				}
				LaunchDirectoryPaths.resolve(environment, launchDirectory);
				// The early launch did not guess it: launch now that the configuration
				// says so
				DaemonSettings settings = bound.settings();
				Decision decision = Decision.of(identity.name(), settings);
				OptionalInt exit = new DaemonLauncher(launchDirectory, System.out, System.err).launch(decision,
						settings.userSwitch());
				ProcessExit.exit(exit.orElse(DaemonLauncher.EXIT_FAILED));
			}
			case UNNEEDED_CHILD -> new DaemonChild(nonNull(handshake), this.bootstrapContext).decline();
			case FOREGROUND_SUCCESSOR -> {
				DaemonChild child = validChild(handshake, bound, unknown);
				if (child == null) {
					return;
				}
				DaemonSettings settings = bound.settings();
				child.decided(identity.name(), settings, unknown);
				LaunchDirectoryPaths.resolve(environment, launchDirectory);
				register(
						new DaemonLaunch(settings, null, supervisor, false, null, child.succeedInForeground(settings)));
			}
			case DAEMON_CHILD -> {
				DaemonChild child = validChild(handshake, bound, unknown);
				if (child == null) {
					return;
				}
				DaemonSettings settings = bound.settings();
				List<String> warnings = new ArrayList<>(unknown);
				String root = RootWarning.text(identity.name(), settings, ProcessCredentials.current());
				if (root != null) {
					// On the launcher's output (it prints the child's warnings) and in
					// the daemon's log, where an operator looks later
					warnings.add(root);
					this.logger.warn(root);
				}
				child.decided(identity.name(), settings, warnings);
				LaunchDirectoryPaths.resolve(environment, launchDirectory);
				DaemonChild.Detached detached = child.detach(settings);
				register(new DaemonLaunch(settings, null, supervisor, true, detached.posix(), detached.pidFile()));
			}
			case FOREGROUND_DAEMON -> {
				InvalidDaemonPropertyException problem = bound.problem();
				if (problem != null) {
					// Reported by the run listener once logging works
					register(new DaemonLaunch(null, problem, supervisor, false, null, null));
					return;
				}
				LaunchDirectoryPaths.resolve(environment, launchDirectory);
				register(new DaemonLaunch(bound.settings(), null, supervisor, false, null, null));
			}
			case APPLICATION -> {
			}
		}
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

	/**
	 * Whether a child runs as its configuration says, so that it may be the daemon: its
	 * JVM's error file in the pid file's directory (a JVM takes {@code -XX:ErrorFile}
	 * only when it starts), and not root when {@code daemon.user} names another user (a
	 * launcher that started it before reading the configuration could not switch). Else
	 * it declines and the launcher, which has read the configuration meanwhile, starts
	 * the daemon again.
	 */
	private static boolean startedAsConfigured(DaemonSettings settings) {
		return settings.userSwitch() == null && DaemonChild.errorFileInPidFileDirectory(settings);
	}

	private static void printWarnings(List<String> warnings) {
		warnings.forEach((warning) -> System.err.println("bootd: warning: " + warning));
	}

	private static String analysis(InvalidDaemonPropertyException problem) {
		return InvalidDaemonPropertyFailureAnalyzer.text(problem);
	}

	/**
	 * The launcher's child, once its configuration is valid; {@code null} when it is not,
	 * which the child has told its launcher before it exits.
	 */
	private @Nullable DaemonChild validChild(@Nullable DaemonHandshake handshake, BoundSettings bound,
			List<String> unknown) {
		DaemonChild child = new DaemonChild(nonNull(handshake), this.bootstrapContext);
		InvalidDaemonPropertyException problem = bound.problem();
		if (problem != null) {
			child.refuse(unknown, analysis(problem));
			return null;
		}
		return child;
	}

	private static DaemonHandshake nonNull(@Nullable DaemonHandshake handshake) {
		if (handshake == null) {
			throw new IllegalStateException("A daemon child without a handshake");
		}
		return handshake;
	}

	private void register(DaemonLaunch launch) {
		this.bootstrapContext.register(DaemonLaunch.class, InstanceSupplier.of(launch));
	}

	/**
	 * The default pid file: systemd's {@code RuntimeDirectory=} when there is one, else
	 * beside the application jar, so that starts from different directories find the same
	 * lock.
	 * @param runtimeDirectories the value of {@code RUNTIME_DIRECTORY}, if any
	 * @param launchDirectory the working directory at launch
	 * @param home the directory of the application jar
	 * @param name the application's name
	 * @param serviceUser whether {@code daemon.user} is set: then the default is
	 * {@code /run/<name>/<name>.pid}, because the user could not write beside a jar root
	 * installed, nor should the daemon be able to replace its own code
	 * @return the default pid file
	 */
	static Path defaultPidFile(@Nullable String runtimeDirectories, Path launchDirectory, Path home, String name,
			boolean serviceUser) {
		if (StringUtils.hasText(runtimeDirectories)) {
			return Path.of(runtimeDirectories.split(":")[0], name + ".pid");
		}
		if (serviceUser) {
			return Path.of("/run", name, name + ".pid");
		}
		return launchDirectory.resolve(home).resolve(name + ".pid").normalize();
	}

	/**
	 * The {@code daemon.*} settings, bound once and only when the role depends on them: a
	 * control client does not bind what it does not use.
	 */
	private static final class BoundSettings {

		private final ConfigurableEnvironment environment;

		private final Path launchDirectory;

		private final Supplier<Path> defaultPidFile;

		private final Predicate<DaemonMode> detaches;

		private boolean bound;

		private @Nullable DaemonSettings settings;

		private @Nullable InvalidDaemonPropertyException problem;

		BoundSettings(ConfigurableEnvironment environment, Path launchDirectory, Supplier<Path> defaultPidFile,
				Predicate<DaemonMode> detaches) {
			this.detaches = detaches;
			this.environment = environment;
			this.launchDirectory = launchDirectory;
			this.defaultPidFile = defaultPidFile;
		}

		RoleDecision.Configuration configuration() {
			bind();
			DaemonSettings settings = this.settings;
			if (settings == null) {
				return new RoleDecision.Configuration(false, false, modeOrAuto(this.environment));
			}
			return new RoleDecision.Configuration(true, settings.enabled(), settings.mode());
		}

		DaemonSettings settings() {
			bind();
			if (this.settings == null) {
				throw new IllegalStateException("Invalid daemon settings", this.problem);
			}
			return this.settings;
		}

		@Nullable InvalidDaemonPropertyException problem() {
			bind();
			return this.problem;
		}

		private void bind() {
			if (this.bound) {
				return;
			}
			this.bound = true;
			try {
				this.settings = new DaemonSettingsBinder(this.environment, this.launchDirectory, this.defaultPidFile,
						this.detaches)
					.bind();
			}
			catch (InvalidDaemonPropertyException ex) {
				this.problem = ex;
			}
		}

		private static DaemonMode modeOrAuto(ConfigurableEnvironment environment) {
			try {
				return Binder.get(environment)
					.bind(DaemonKey.MODE.property(), DaemonMode.class)
					.orElse(DaemonMode.AUTO);
			}
			catch (RuntimeException ex) {
				return DaemonMode.AUTO;
			}
		}

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

		ApplicationIdentity(ConfigurableEnvironment environment, SpringApplication application, Path launchDirectory) {
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
					this.launchDirectory, home().getDir().toPath(), name(),
					StringUtils.hasText(this.environment.getProperty(DaemonKey.USER.property())));
		}

		private ApplicationHome home() {
			if (this.home == null) {
				this.home = new ApplicationHome(this.application.getMainApplicationClass());
			}
			return this.home;
		}

	}

}
