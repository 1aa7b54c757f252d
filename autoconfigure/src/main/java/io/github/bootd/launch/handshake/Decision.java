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
package io.github.bootd.launch.handshake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonSettings;

/**
 * What the launcher needs to know of the daemon child's configuration to wait for it and
 * to tell the user where things are.
 *
 * @param name the application name
 * @param pidFile the pid file
 * @param outputFile the output file, {@code null} for /dev/null
 * @param startupTimeout how long to wait for readiness
 * @author bootd authors
 */
public record Decision(String name, Path pidFile, @Nullable Path outputFile, Duration startupTimeout) {

	/** The line that names the application, which is not a {@code daemon.*} key. */
	private static final String NAME = "spring.application.name";

	public static Decision of(String name, DaemonSettings settings) {
		return new Decision(name, settings.pidFile(), settings.outputFile(), settings.startupTimeout());
	}

	/**
	 * Encode as one {@code name=value} line per property, named as the user names it, so
	 * that both ends agree on the keys through {@link DaemonKey} alone.
	 */
	public String encode() {
		Map<String, String> lines = new LinkedHashMap<>();
		lines.put(NAME, this.name);
		lines.put(DaemonKey.PID_FILE.property(), this.pidFile.toString());
		lines.put(DaemonKey.OUTPUT_FILE.property(), (this.outputFile != null) ? this.outputFile.toString() : "");
		lines.put(DaemonKey.STARTUP_TIMEOUT.property(), Long.toString(this.startupTimeout.toMillis()));
		StringBuilder text = new StringBuilder();
		lines.forEach((key, value) -> text.append(text.isEmpty() ? "" : "\n").append(key).append('=').append(value));
		return text.toString();
	}

	public static Decision decode(String text) {
		Map<String, String> lines = new HashMap<>();
		for (String line : text.split("\n", -1)) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				lines.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		String outputFile = value(lines, DaemonKey.OUTPUT_FILE.property());
		return new Decision(value(lines, NAME), Path.of(value(lines, DaemonKey.PID_FILE.property())),
				outputFile.isEmpty() ? null : Path.of(outputFile),
				Duration.ofMillis(Long.parseLong(value(lines, DaemonKey.STARTUP_TIMEOUT.property()))));
	}

	private static String value(Map<String, String> lines, String key) {
		String value = lines.get(key);
		if (value == null) {
			throw new IllegalArgumentException("The daemon's decision names no " + key + ": " + lines);
		}
		return value;
	}

	public String output() {
		return (this.outputFile != null) ? this.outputFile.toString() : "/dev/null";
	}

}
