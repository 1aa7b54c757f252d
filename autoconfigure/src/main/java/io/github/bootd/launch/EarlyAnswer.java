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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonProperties;
import io.github.bootd.control.DaemonControl;
import io.github.bootd.launcher.DaemonLauncher;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.settings.EarlyConfiguration;

/**
 * The answers a launcher can give before the application starts, from an
 * {@link EarlyConfiguration} that is certain: the status of the daemon, and that a start
 * finds it running already. They are the answers the full configuration would give,
 * printed by the same code, in a fraction of the time: an init script asks for them
 * often, and an operator who starts a running service twice waits for nothing.
 * <p>
 * When the configuration is not certain, or anything about the answer is (a value the
 * start would refuse, a pid file nobody holds), nothing is answered here and the launch
 * goes on as it would without this class.
 *
 * @author bootd authors
 */
final class EarlyAnswer {

	private final String[] args;

	private final Map<String, String> environment;

	private final Path launchDirectory;

	private final @Nullable ClassLoader classLoader;

	private final PrintStream out;

	private final PrintStream err;

	EarlyAnswer(String[] args, Map<String, String> environment, Path launchDirectory, @Nullable ClassLoader classLoader,
			PrintStream out, PrintStream err) {
		this.args = args;
		this.environment = environment;
		this.launchDirectory = launchDirectory;
		this.classLoader = classLoader;
		this.out = out;
		this.err = err;
	}

	/**
	 * Answer {@code --daemon.action=status} as the control action would.
	 * @return the LSB status, or empty when the full configuration must decide
	 */
	OptionalInt status() {
		EarlyConfiguration configuration = EarlyConfiguration.read(this.args, this.environment, this.launchDirectory,
				this.classLoader, true);
		if (configuration == null || !is(configuration.get(DaemonKey.ACTION), "status")) {
			return OptionalInt.empty();
		}
		DaemonProperties defaults = new DaemonProperties();
		Duration stopTimeout = positive(configuration.get(DaemonKey.STOP_TIMEOUT), defaults.getStopTimeout());
		Duration startupTimeout = positive(configuration.get(DaemonKey.STARTUP_TIMEOUT), defaults.getStartupTimeout());
		Target target = target(configuration);
		if (stopTimeout == null || startupTimeout == null || target == null) {
			return OptionalInt.empty();
		}
		// Outside a systemd unit an action also looks where the unit puts the pid file
		Path pidFile = ControlCommand.pidFileToActOn(configuration.get(DaemonKey.PID_FILE) != null,
				this.environment.get("RUNTIME_DIRECTORY"), target.name(), target.pidFile());
		return OptionalInt
			.of(new DaemonControl(target.name(), pidFile, stopTimeout, startupTimeout, this.out, this.err).status());
	}

	/**
	 * Answer a start whose daemon runs already, as the launcher would once the child had
	 * loaded the configuration and found the pid file locked.
	 * @return the exit status, or empty when the start must go on
	 */
	OptionalInt alreadyRunning() {
		// First without opening the libraries: on a start that is not refused, which is
		// nearly every start, this costs a millisecond
		Target guess = startTarget(false);
		if (guess == null || holder(guess.pidFile()).isEmpty()) {
			return OptionalInt.empty();
		}
		Target target = startTarget(true);
		if (target == null || !target.equals(guess)) {
			return OptionalInt.empty();
		}
		OptionalLong holder = holder(target.pidFile());
		if (holder.isEmpty()) {
			return OptionalInt.empty();
		}
		this.out.println(DaemonLauncher.alreadyRunning(target.name(), target.pidFile(), holder.getAsLong()));
		return OptionalInt.of(DaemonLauncher.EXIT_OK);
	}

	private @Nullable Target startTarget(boolean libraries) {
		EarlyConfiguration configuration = EarlyConfiguration.read(this.args, this.environment, this.launchDirectory,
				this.classLoader, libraries);
		if (configuration == null || !is(configuration.get(DaemonKey.ENABLED), "true")) {
			return null;
		}
		String action = configuration.get(DaemonKey.ACTION);
		String mode = configuration.get(DaemonKey.MODE);
		if ((action != null && !is(action, "start")) || (mode != null && !is(mode, "auto") && !is(mode, "detach"))) {
			return null;
		}
		return target(configuration);
	}

	/**
	 * The name and pid file as {@link DaemonEnvironmentPostProcessor} works them out, for
	 * an application run as {@code java -jar}: otherwise finding its home is Spring
	 * Boot's {@code ApplicationHome}'s work.
	 */
	private @Nullable Target target(EarlyConfiguration configuration) {
		Path jar = jar();
		String name = configuration.get("spring.application.name");
		if (!StringUtils.hasText(name)) {
			if (jar == null) {
				return null;
			}
			name = StringUtils.stripFilenameExtension(jar.getFileName().toString());
		}
		String pidFile = configuration.get(DaemonKey.PID_FILE);
		if (pidFile != null) {
			return StringUtils.hasText(pidFile)
					? new Target(name, this.launchDirectory.resolve(pidFile.trim()).normalize()) : null;
		}
		if (jar == null) {
			return null;
		}
		return new Target(name, DaemonEnvironmentPostProcessor.defaultPidFile(this.environment.get("RUNTIME_DIRECTORY"),
				// jar() returns an absolute path to a file: it has a parent
				this.launchDirectory, Objects.requireNonNull(jar.getParent()), name,
				StringUtils.hasText(configuration.get(DaemonKey.USER))));
	}

	/**
	 * The jar that {@code java -jar} runs: then it is the class path, and nothing else
	 * is.
	 */
	private @Nullable Path jar() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
			return null;
		}
		Path jar = this.launchDirectory.resolve(classPath).toAbsolutePath();
		return Files.isRegularFile(jar) ? jar : null;
	}

	private static OptionalLong holder(Path pidFile) {
		try {
			return PidFile.holder(pidFile);
		}
		catch (IOException ex) {
			// The full configuration's answer says why the file cannot be read
			return OptionalLong.empty();
		}
	}

	/**
	 * Spring Boot's lenient enum and boolean conversion, as far as this class accepts it.
	 */
	private static boolean is(@Nullable String value, String expected) {
		return value != null && value.trim().toLowerCase(Locale.ROOT).equals(expected);
	}

	private static @Nullable Duration positive(@Nullable String value, Duration defaultValue) {
		if (value == null) {
			return defaultValue;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			return (duration.isNegative() || duration.isZero()) ? null : duration;
		}
		catch (RuntimeException ex) {
			// The settings binder's message names the property
			return null;
		}
	}

	private record Target(String name, Path pidFile) {

	}

}
