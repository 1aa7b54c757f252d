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
package io.github.bootd.launcher;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The JVM options the daemon child must not inherit from the launcher: the launcher's JVM
 * holds the ports of its debug and JMX agents, and a daemon given the same options would
 * fail to bind them.
 *
 * @author bootd authors
 */
final class InheritedJvmOptions {

	/** The variables the JVM reads options from, besides its command line. */
	private static final List<String> VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private InheritedJvmOptions() {
	}

	/**
	 * The options to leave out.
	 * @param jmxPortReleased whether the launcher released its JMX port
	 * @return which options to leave out
	 */
	static Predicate<String> leftOut(boolean jmxPortReleased) {
		return jmxPortReleased ? JvmCommandLine::isJdwp
				: (option) -> JvmCommandLine.isJdwp(option) || JvmCommandLine.isJmxPort(option);
	}

	/**
	 * The option variables to override in the child's environment, without the options
	 * left out; only the variables that held one.
	 * @param environment the launcher's environment
	 * @param leaveOut which options to leave out
	 * @param dropped collects the options left out
	 * @return the variables to set in the child's environment
	 */
	static Map<String, String> environment(Map<String, String> environment, Predicate<String> leaveOut,
			List<String> dropped) {
		Map<String, String> overrides = new HashMap<>();
		for (String variable : VARIABLES) {
			String value = environment.get(variable);
			if (value == null || Arrays.stream(value.split("\\s+")).noneMatch(leaveOut)) {
				continue;
			}
			Arrays.stream(value.split("\\s+")).filter(leaveOut).forEach(dropped::add);
			overrides.put(variable,
					Arrays.stream(value.split("\\s+")).filter(leaveOut.negate()).collect(Collectors.joining(" ")));
		}
		return overrides;
	}

}
