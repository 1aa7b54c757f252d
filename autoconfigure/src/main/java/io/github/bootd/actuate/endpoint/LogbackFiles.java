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
package io.github.bootd.actuate.endpoint;

import java.util.List;

import org.springframework.util.ClassUtils;

import io.github.bootd.logging.LogbackFileAppenders;

/**
 * The files logback writes to: those a log rotation tool renames, and those a
 * {@code reopen-logs} operation reopens, found by the reopen's own walk
 * ({@link LogbackFileAppenders}).
 *
 * @author bootd authors
 */
final class LogbackFiles {

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			LogbackFiles.class.getClassLoader());

	private LogbackFiles() {
	}

	/**
	 * Return the absolute paths of the files logback's started file appenders write to,
	 * empty when another logging system is in use.
	 * @return the files, in the order found
	 */
	static List<String> list() {
		// Guarded here: LogbackFileAppenders links logback's classes
		return LOGBACK_PRESENT ? LogbackFileAppenders.files() : List.of();
	}

}
