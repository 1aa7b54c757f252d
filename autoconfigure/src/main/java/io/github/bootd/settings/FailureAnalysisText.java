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

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.StringUtils;

/**
 * Formats a failure analysis the way Spring Boot logs it, for the launcher's terminal.
 *
 * @author bootd authors
 */
public final class FailureAnalysisText {

	private FailureAnalysisText() {
	}

	public static String format(FailureAnalysis analysis) {
		StringBuilder builder = new StringBuilder();
		builder.append(String.format("***************************%n"));
		builder.append(String.format("APPLICATION FAILED TO START%n"));
		builder.append(String.format("***************************%n%n"));
		builder.append(String.format("Description:%n%n"));
		builder.append(String.format("%s%n", analysis.getDescription()));
		if (StringUtils.hasText(analysis.getAction())) {
			builder.append(String.format("%nAction:%n%n"));
			builder.append(String.format("%s%n", analysis.getAction()));
		}
		return builder.toString();
	}

	/**
	 * Describe an exception and its causes, one line each, for when no analyzer knew it.
	 * @param exception the exception
	 * @return the description
	 */
	public static String describe(Throwable exception) {
		StringBuilder builder = new StringBuilder(String.valueOf(exception));
		for (Throwable cause = exception.getCause(); cause != null
				&& cause != cause.getCause(); cause = cause.getCause()) {
			builder.append(String.format("%n    caused by: %s", cause));
		}
		return builder.toString();
	}

}
