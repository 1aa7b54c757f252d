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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes relative logging paths absolute against the launch directory, so they keep the
 * meaning the user gave them although the daemon's working directory is {@code /} (a
 * daemon must not pin the mount it was started from, APUE 13.3 rule 4).
 *
 * @author bootd authors
 */
final class LaunchDirectoryPaths {

	static final String PROPERTY_SOURCE_NAME = "bootdLaunchDirectoryPaths";

	private static final String[] PROPERTIES = { "logging.file.name", "logging.file.path" };

	private LaunchDirectoryPaths() {
	}

	static void resolve(ConfigurableEnvironment environment, Path launchDirectory) {
		Map<String, Object> resolved = new LinkedHashMap<>();
		for (String property : PROPERTIES) {
			String value = environment.getProperty(property);
			if (value != null && !value.isBlank() && !Path.of(value).isAbsolute()) {
				resolved.put(property, launchDirectory.resolve(value).normalize().toString());
			}
		}
		if (!resolved.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, resolved));
		}
	}

}
