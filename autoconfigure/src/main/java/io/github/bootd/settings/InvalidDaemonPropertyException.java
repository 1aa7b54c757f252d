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

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Thrown when one or more {@code daemon.*} properties have a value bootd cannot use.
 *
 * @author bootd authors
 */
public class InvalidDaemonPropertyException extends RuntimeException implements ExitCodeGenerator {

	private final List<Problem> problems;

	public InvalidDaemonPropertyException(List<Problem> problems) {
		super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Exit with 6, the LSB status for "program is not configured".
	 */
	@Override
	public int getExitCode() {
		return 6;
	}

	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * One property whose value cannot be used.
	 *
	 * @param property the property name
	 * @param value the value as the user wrote it
	 * @param origin where the value came from, or an empty string
	 * @param reason why the value cannot be used
	 * @param action what to do about it
	 */
	public record Problem(String property, String value, String origin, String reason, String action) {

		@Override
		public String toString() {
			return "Invalid value '" + this.value + "' for property '" + this.property + "': " + this.reason;
		}

	}

}
