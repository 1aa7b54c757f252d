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

import org.jspecify.annotations.Nullable;

import io.github.bootd.DaemonSettings;

/**
 * What the launcher needs to know of the daemon child's configuration to wait for it
 * and to tell the user where things are.
 *
 * @param name the application name
 * @param pidFile the pid file
 * @param outputFile the output file, {@code null} for /dev/null
 * @param startupTimeout how long to wait for readiness
 * @author bootd authors
 */
public record Decision(String name, Path pidFile, @Nullable Path outputFile, Duration startupTimeout) {

	public static Decision of(String name, DaemonSettings settings) {
		return new Decision(name, settings.pidFile(), settings.outputFile(), settings.startupTimeout());
	}

	public String encode() {
		return String.join("\n", this.name, this.pidFile.toString(),
				(this.outputFile != null) ? this.outputFile.toString() : "", Long.toString(this.startupTimeout.toMillis()));
	}

	public static Decision decode(String text) {
		String[] lines = text.split("\n", -1);
		return new Decision(lines[0], Path.of(lines[1]), lines[2].isEmpty() ? null : Path.of(lines[2]),
				Duration.ofMillis(Long.parseLong(lines[3])));
	}

	public String output() {
		return (this.outputFile != null) ? this.outputFile.toString() : "/dev/null";
	}

}
