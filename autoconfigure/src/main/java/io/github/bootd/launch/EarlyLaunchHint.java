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
import java.io.InputStream;
import java.net.URL;
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
final class EarlyLaunchHint {

	private static final String[] FILES = { "application.properties", "application.yml", "application.yaml",
			"config/application.properties", "config/application.yml", "config/application.yaml" };

	private static final Pattern ARGUMENT = Pattern.compile("--daemon\\.enabled(?:=(.*))?");

	private static final Pattern ACTION_ARGUMENT = Pattern.compile("--daemon\\.action=(.*)");

	/** {@code daemon.enabled=true} in a properties file, or nested in YAML. */
	private static final Pattern ENABLED_IN_FILE = Pattern
		.compile("(?is)daemon\\s*(?:\\.|:\\s*\\n(?:\\s*(?:#[^\\n]*)?\\n|\\s+[^\\n]*\\n){0,50}?\\s+)enabled\\s*[=:]\\s*[\"']?true");

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
	static boolean likely(String[] args, Map<String, String> environment, Path launchDirectory,
			@Nullable ClassLoader classLoader) {
		Boolean explicit = fromArguments(args);
		if (explicit == null) {
			explicit = parse(System.getProperty("daemon.enabled"));
		}
		if (explicit == null) {
			explicit = parse(environment.get("DAEMON_ENABLED"));
		}
		if (explicit != null) {
			return explicit;
		}
		for (String file : FILES) {
			if (enables(launchDirectory.resolve(file)) || (classLoader != null && enables(classLoader.getResource(file)))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether a control action other than start is asked for, on the command line,
	 * as a system property or in the environment: then nothing may be launched early (a
	 * restart stops the daemon first, the others never start one).
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @return whether an action other than start is requested
	 */
	static boolean controlActionRequested(String[] args, Map<String, String> environment) {
		String action = requestedAction(args, environment);
		return action != null && !action.trim().equalsIgnoreCase("start");
	}

	/**
	 * Return the control action asked for, as written.
	 * @param args the command-line arguments
	 * @param environment the process environment
	 * @return the action or {@code null}
	 */
	static @Nullable String requestedAction(String[] args, Map<String, String> environment) {
		String action = null;
		for (String arg : args) {
			Matcher matcher = ACTION_ARGUMENT.matcher(arg);
			if (matcher.matches()) {
				action = matcher.group(1);
			}
		}
		if (action == null) {
			action = System.getProperty("daemon.action");
		}
		if (action == null) {
			action = environment.get("DAEMON_ACTION");
		}
		return action;
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

	private static boolean enables(Path file) {
		try {
			return Files.isRegularFile(file) && ENABLED_IN_FILE.matcher(Files.readString(file)).find();
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean enables(@Nullable URL resource) {
		if (resource == null) {
			return false;
		}
		try (InputStream input = resource.openStream()) {
			String content = new String(input.readAllBytes(), StandardCharsets.UTF_8);
			return ENABLED_IN_FILE.matcher(content).find();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
