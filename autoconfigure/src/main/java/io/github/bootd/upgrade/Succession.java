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

package io.github.bootd.upgrade;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a successor is told by the instance it succeeds, through its environment: the
 * predecessor's pid, when the upgrade began, and how many upgrades came before (so that
 * the count survives the instances).
 *
 * @param predecessor the pid of the instance this one succeeds
 * @param began when the upgrade began
 * @param generation how many upgrades led to this instance, this one included
 * @author bootd authors
 */
public record Succession(long predecessor, Instant began, long generation) {

	static final String PREDECESSOR = "BOOTD_UPGRADE_FROM";

	static final String BEGAN = "BOOTD_UPGRADE_BEGAN";

	static final String GENERATION = "BOOTD_UPGRADE_GENERATION";

	/**
	 * Return the succession this process was started for, if any.
	 * @return the succession, {@code null} when this process was not started by an
	 * upgrade
	 */
	public static @Nullable Succession ofThisProcess() {
		return of(System.getenv());
	}

	static @Nullable Succession of(Map<String, String> environment) {
		OptionalLong predecessor = number(environment.get(PREDECESSOR));
		if (predecessor.isEmpty()) {
			return null;
		}
		OptionalLong began = number(environment.get(BEGAN));
		OptionalLong generation = number(environment.get(GENERATION));
		return new Succession(predecessor.getAsLong(),
				began.isPresent() ? Instant.ofEpochMilli(began.getAsLong()) : Instant.now(),
				generation.isPresent() ? generation.getAsLong() : 1);
	}

	/**
	 * Return the variables that tell a successor of this process about it.
	 * @param began when the upgrade began
	 * @param generation how many upgrades led to the successor, its own included
	 * @return the variables
	 */
	public static Map<String, String> forSuccessorOfThisProcess(Instant began, long generation) {
		Map<String, String> variables = new HashMap<>();
		variables.put(PREDECESSOR, Long.toString(ProcessHandle.current().pid()));
		variables.put(BEGAN, Long.toString(began.toEpochMilli()));
		variables.put(GENERATION, Long.toString(generation));
		return variables;
	}

	/**
	 * Return the variables a successor must not pass on to its own successors.
	 * @return their names
	 */
	public static Set<String> variables() {
		return Set.of(PREDECESSOR, BEGAN, GENERATION);
	}

	private static OptionalLong number(@Nullable String value) {
		if (value == null) {
			return OptionalLong.empty();
		}
		try {
			long number = Long.parseLong(value.trim());
			return (number > 0) ? OptionalLong.of(number) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

}
