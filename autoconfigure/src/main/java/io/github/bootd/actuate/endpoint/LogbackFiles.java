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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

/**
 * The files logback writes to: those a log rotation tool renames, and those a
 * {@code reopen-logs} operation reopens.
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
		if (!LOGBACK_PRESENT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return List.of();
		}
		Set<String> files = new LinkedHashSet<>();
		for (Logger logger : context.getLoggerList()) {
			collect(logger, files);
		}
		return new ArrayList<>(files);
	}

	/**
	 * Collect the files of an appender holder, descending one level into appenders that
	 * hold others, such as an AsyncAppender in front of a file appender.
	 */
	private static void collect(AppenderAttachable<ILoggingEvent> holder, Set<String> files) {
		for (Iterator<Appender<ILoggingEvent>> appenders = holder.iteratorForAppenders(); appenders.hasNext();) {
			Appender<ILoggingEvent> appender = appenders.next();
			if (appender instanceof FileAppender<ILoggingEvent> file && file.isStarted() && file.getFile() != null) {
				files.add(Path.of(file.getFile()).toAbsolutePath().toString());
			}
			else if (appender instanceof AppenderAttachable<?> nested && !(holder instanceof Appender<?>)) {
				@SuppressWarnings("unchecked")
				AppenderAttachable<ILoggingEvent> events = (AppenderAttachable<ILoggingEvent>) nested;
				collect(events, files);
			}
		}
	}

}
