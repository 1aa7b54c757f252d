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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InheritedJvmOptions}.
 *
 * @author bootd authors
 */
class InheritedJvmOptionsTests {

	private static final String JDWP = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005";

	private static final String JMX = "-Dcom.sun.management.jmxremote.port=9010";

	@Test
	void environmentWhenAVariableHoldsAPortOptionShouldOverrideItWithoutIt() {
		List<String> dropped = new ArrayList<>();
		Map<String, String> overrides = InheritedJvmOptions.environment(
				Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m " + JDWP + " -Dx=1", "JDK_JAVA_OPTIONS", JMX, "OTHER", JDWP),
				InheritedJvmOptions.leftOut(false), dropped);
		assertThat(overrides).containsOnly(Map.entry("JAVA_TOOL_OPTIONS", "-Xmx64m -Dx=1"),
				Map.entry("JDK_JAVA_OPTIONS", ""));
		assertThat(dropped).containsExactly(JDWP, JMX);
	}

	@Test
	void environmentWhenTheJmxPortWasReleasedShouldKeepTheJmxOptions() {
		List<String> dropped = new ArrayList<>();
		Map<String, String> overrides = InheritedJvmOptions.environment(Map.of("JDK_JAVA_OPTIONS", JMX + " " + JDWP),
				InheritedJvmOptions.leftOut(true), dropped);
		assertThat(overrides).containsOnly(Map.entry("JDK_JAVA_OPTIONS", JMX));
		assertThat(dropped).containsExactly(JDWP);
	}

	@Test
	void environmentWhenNoVariableHoldsAPortOptionShouldOverrideNothing() {
		List<String> dropped = new ArrayList<>();
		assertThat(InheritedJvmOptions.environment(Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m"),
				InheritedJvmOptions.leftOut(false), dropped))
			.isEmpty();
		assertThat(dropped).isEmpty();
	}

}
