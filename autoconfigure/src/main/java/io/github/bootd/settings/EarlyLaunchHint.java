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
package io.github.bootd.settings;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A cheap guess, before Spring Boot loads the configuration, of whether
 * {@code daemon.enabled} is true: when it looks so, the launcher starts the daemon child
 * at once instead of after its own configuration loading, which takes most of a second
 * that the user would otherwise wait twice.
 * <p>
 * Only speed depends on the guess, never behaviour: the child loads the full
 * configuration and decides for real (a wrong guess costs one short-lived child), and a
 * missed guess (say, a profile or a {@code spring.config.import} enables the daemon) is
 * caught by the environment post-processor once the configuration is loaded.
 *
 * @author bootd authors
 */
public final class EarlyLaunchHint {

	/** Where Spring Boot's executable jar keeps the application's own classes. */
	private static final String BOOT_CLASSES = "BOOT-INF/classes/";

	/**
	 * {@code --daemon.enabled} alone means true, as Spring Boot reads an option without a
	 * value.
	 */
	private static final Pattern ARGUMENT = Pattern.compile(Pattern.quote("--" + DaemonKey.ENABLED) + "(?:=(.*))?");

	/** A plain {@code daemon.pid-file} value in a properties file, or nested in YAML. */
	private static final Pattern PID_FILE_IN_FILE = inFile(DaemonKey.PID_FILE, "([^\"'\\s#]+)");

	/** Where Spring Boot looks for configuration files, highest precedence first. */
	private static final String[] FILES_BY_PRECEDENCE = { "config/application.properties", "config/application.yml",
			"config/application.yaml", "application.properties", "application.yml", "application.yaml" };

	/** {@code daemon.enabled=true} in a properties file, or nested in YAML. */
	private static final Pattern ENABLED_IN_FILE = inFile(DaemonKey.ENABLED, "true");

	/** {@code daemon.mode=foreground} in a properties file, or nested in YAML. */
	private static final Pattern FOREGROUND_IN_FILE = inFile(DaemonKey.MODE, "foreground");

	private EarlyLaunchHint() {
	}

	/**
	 * Guess whether the configuration enables the daemon.
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @param launchDirectory the working directory at launch
	 * @param classLoader the application's class loader
	 * @return whether the daemon is probably enabled
	 */
	public static boolean likely(String[] args, Map<String, String> environment, Path launchDirectory,
			@Nullable ClassLoader classLoader) {
		Boolean explicit = fromArguments(args);
		if (explicit == null) {
			explicit = parse(System.getProperty(DaemonKey.ENABLED.property()));
		}
		if (explicit == null) {
			explicit = parse(environment.get(DaemonKey.ENABLED.variable()));
		}
		if (explicit == null) {
			explicit = anyFileMatches(ENABLED_IN_FILE, launchDirectory, classLoader);
		}
		return explicit && !foregroundMode(args, environment, launchDirectory, classLoader);
	}

	/**
	 * Guess the directory of the pid file the configuration names, for the daemon's
	 * HotSpot error file: from {@code daemon.pid-file} where it can be read without
	 * Spring Boot (command line, system property, environment, a plain value in an
	 * {@code application.properties} or {@code .yml}), else the default's directory. Only
	 * speed depends on the guess: the child corrects a wrong one.
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @param launchDirectory the working directory at launch
	 * @param classLoader the application's class loader
	 * @return the directory
	 */
	public static Path pidFileDirectory(String[] args, Map<String, String> environment, Path launchDirectory,
			@Nullable ClassLoader classLoader) {
		String value = explicitValue(args, DaemonKey.PID_FILE, environment);
		if (value == null) {
			value = pidFileInFiles(launchDirectory, classLoader);
		}
		if (value != null && !value.isBlank() && !value.contains("${")) {
			Path directory = launchDirectory.resolve(value.trim()).normalize().getParent();
			if (directory != null) {
				return directory;
			}
		}
		String runtimeDirectories = environment.get("RUNTIME_DIRECTORY");
		if (runtimeDirectories != null && !runtimeDirectories.isBlank()) {
			return Path.of(runtimeDirectories.split(":")[0]);
		}
		// Beside the jar, as the default pid file is: 'java -jar' makes it the class path
		String classPath = System.getProperty("java.class.path", "");
		Path jarDirectory = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
				? launchDirectory.resolve(classPath).normalize().getParent() : null;
		return (jarDirectory != null) ? jarDirectory : launchDirectory;
	}

	private static @Nullable String pidFileInFiles(Path launchDirectory, @Nullable ClassLoader classLoader) {
		for (String file : FILES_BY_PRECEDENCE) {
			String value = find(PID_FILE_IN_FILE, read(launchDirectory.resolve(file)));
			if (value != null) {
				return value;
			}
		}
		for (String file : FILES_BY_PRECEDENCE) {
			String value = (classLoader != null) ? find(PID_FILE_IN_FILE, read(resource(classLoader, file))) : null;
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String find(Pattern pattern, @Nullable String content) {
		if (content == null) {
			return null;
		}
		Matcher matcher = pattern.matcher(content);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static @Nullable String read(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String read(@Nullable URL resource) {
		if (resource == null) {
			return null;
		}
		try (InputStream input = resource.openStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Return whether {@code daemon.mode} is probably {@code foreground}: then the child
	 * would only load the configuration, find that it must not detach, and leave the
	 * launcher to start the application after it, more than a second later.
	 */
	private static boolean foregroundMode(String[] args, Map<String, String> environment, Path launchDirectory,
			@Nullable ClassLoader classLoader) {
		String mode = explicitValue(args, DaemonKey.MODE, environment);
		if (mode != null) {
			return "foreground".equals(mode.trim().toLowerCase(Locale.ROOT));
		}
		return anyFileMatches(FOREGROUND_IN_FILE, launchDirectory, classLoader);
	}

	private static boolean anyFileMatches(Pattern pattern, Path launchDirectory, @Nullable ClassLoader classLoader) {
		for (String file : FILES_BY_PRECEDENCE) {
			if (matches(pattern, launchDirectory.resolve(file))
					|| (classLoader != null && matches(pattern, resource(classLoader, file)))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Find a configuration file on the class path, in the application's own classes
	 * ({@code BOOT-INF/classes/}) when the class loader is Spring Boot's, for an
	 * executable jar or an unpacked one: looking for a file that is not there in the
	 * whole class path opens every nested jar, 60 ms before bootd's launcher can start
	 * the daemon. A file that only a library holds is then missed, which costs only
	 * speed.
	 */
	private static @Nullable URL resource(ClassLoader classLoader, String file) {
		URL classes = applicationClasses(classLoader);
		if (classes == null) {
			return classLoader.getResource(file);
		}
		try {
			// Where it would be: reading a file that is not there fails like a miss
			return new URL(classes, file);
		}
		catch (IOException ex) {
			return null;
		}
	}

	public static @Nullable URL applicationClasses(ClassLoader classLoader) {
		if (classLoader instanceof URLClassLoader urls) {
			for (URL url : urls.getURLs()) {
				String location = url.toString();
				if (location.endsWith(BOOT_CLASSES) || location.endsWith(BOOT_CLASSES + "!/")) {
					return url;
				}
			}
		}
		return null;
	}

	/**
	 * A {@code daemon.<key>} set to a value in a properties file, or nested under
	 * {@code daemon:} in YAML with comments and other keys between.
	 */
	private static Pattern inFile(DaemonKey key, String value) {
		return Pattern.compile(
				"(?is)" + DaemonKey.PREFIX + "\\s*(?:\\.|:\\s*\\n(?:\\s*(?:#[^\\n]*)?\\n|\\s+[^\\n]*\\n){0,50}?\\s+)"
						+ Pattern.quote(key.key()) + "\\s*[=:]\\s*[\"']?" + value);
	}

	/**
	 * Return whether a control action other than start is asked for, on the command line,
	 * as a system property or in the environment: then nothing may be launched early (a
	 * restart stops the daemon first, the others never start one).
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @return whether an action other than start is requested
	 */
	public static boolean controlActionRequested(String[] args, Map<String, String> environment) {
		String action = requestedAction(args, environment);
		return action != null && !action.trim().equalsIgnoreCase("start");
	}

	/**
	 * Return the control action asked for, as written.
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @return the action or {@code null}
	 */
	public static @Nullable String requestedAction(String[] args, Map<String, String> environment) {
		return explicitValue(args, DaemonKey.ACTION, environment);
	}

	/**
	 * Return a {@code daemon.*} value set where Spring Boot gives it the highest
	 * precedence, in that order: the last matching command-line argument, a system
	 * property, an environment variable (Spring Boot's form, such as
	 * {@code DAEMON_PIDFILE}, before the legacy {@code DAEMON_PID_FILE}).
	 */
	private static @Nullable String explicitValue(String[] args, DaemonKey key, Map<String, String> environment) {
		String value = null;
		Pattern argument = Pattern.compile(Pattern.quote(key.argument()) + "(.*)");
		for (String arg : args) {
			Matcher matcher = argument.matcher(arg);
			if (matcher.matches()) {
				value = matcher.group(1);
			}
		}
		if (value == null) {
			value = System.getProperty(key.property());
		}
		if (value == null) {
			value = environment.get(key.variable());
		}
		if (value == null) {
			value = environment.get(key.legacyVariable());
		}
		return value;
	}

	private static @Nullable Boolean fromArguments(String[] args) {
		Boolean result = null;
		for (String arg : args) {
			Matcher matcher = ARGUMENT.matcher(arg);
			if (matcher.matches()) {
				result = (matcher.group(1) == null) || Boolean.parseBoolean(matcher.group(1).trim());
			}
		}
		return result;
	}

	private static @Nullable Boolean parse(@Nullable String value) {
		return (value != null) ? "true".equals(value.trim().toLowerCase(Locale.ROOT)) : null;
	}

	private static boolean matches(Pattern pattern, Path file) {
		try {
			return Files.isRegularFile(file) && pattern.matcher(Files.readString(file)).find();
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean matches(Pattern pattern, @Nullable URL resource) {
		if (resource == null) {
			return false;
		}
		try (InputStream input = resource.openStream()) {
			String content = new String(input.readAllBytes(), StandardCharsets.UTF_8);
			return pattern.matcher(content).find();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
