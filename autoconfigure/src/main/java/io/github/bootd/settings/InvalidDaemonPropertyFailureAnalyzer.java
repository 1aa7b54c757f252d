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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.bootd.settings.InvalidDaemonPropertyException.Problem;

/**
 * A {@code FailureAnalyzer} that explains every invalid {@code daemon.*} value: the
 * property, the value, where it came from and how to fix it.
 *
 * @author bootd authors
 */
public class InvalidDaemonPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDaemonPropertyException> {

	/**
	 * Return the analysis as a failed start prints it, for the JVMs that must print it
	 * before Spring Boot's failure reporters could run (a control action, the launcher).
	 * @param ex the invalid values
	 * @return the printed analysis
	 */
	public static String text(InvalidDaemonPropertyException ex) {
		return FailureAnalysisText.format(new InvalidDaemonPropertyFailureAnalyzer().analyze(ex, ex));
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDaemonPropertyException cause) {
		StringBuilder description = new StringBuilder();
		StringBuilder action = new StringBuilder();
		for (Problem problem : cause.getProblems()) {
			if (!description.isEmpty()) {
				description.append(String.format("%n"));
				action.append(String.format("%n"));
			}
			description.append(String.format("Invalid value '%s' for property '%s'%s:%n    %s%n", problem.value(),
					problem.property(), problem.origin().isEmpty() ? "" : " (from " + problem.origin() + ")",
					problem.reason()));
			action.append(String.format("%s: %s%n", problem.property(), problem.action()));
		}
		return new FailureAnalysis(description.toString().strip(), action.toString().strip(), cause);
	}

}
