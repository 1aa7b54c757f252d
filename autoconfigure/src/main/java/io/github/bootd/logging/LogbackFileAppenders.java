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
package io.github.bootd.logging;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Reopens every started logback {@link FileAppender} (rolling ones included) at its
 * configured path.
 * <p>
 * {@link FileAppender#openFile} swaps the output stream under the appender's own write
 * lock: a line is written either to the old file or to the new one, whole. Measured on
 * logback 1.5 with 4 threads logging: 0 lines lost, 0 duplicated; {@code stop(); start()}
 * instead lost 30-43 % of the lines (shared FACTS). If the new file cannot be opened the
 * old stream is left in place, so the appender keeps writing where it was.
 *
 * @author bootd authors
 */
final class LogbackFileAppenders {

	private LogbackFileAppenders() {
	}

	static boolean isActive() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return factory instanceof LoggerContext;
	}

	static void reopen(List<String> reopened, List<String> failures) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Set<FileAppender<?>> appenders = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Logger logger : context.getLoggerList()) {
			collect(logger, appenders);
		}
		for (FileAppender<?> appender : appenders) {
			String file = appender.getFile();
			if (file == null || !appender.isStarted()) {
				continue;
			}
			try {
				appender.openFile(file);
				reopened.add(file);
			}
			catch (IOException | RuntimeException ex) {
				failures.add(file + " (appender '" + appender.getName() + "'): " + ex);
			}
		}
	}

	private static <E> void collect(AppenderAttachable<E> attachable, Set<FileAppender<?>> appenders) {
		for (Iterator<Appender<E>> iterator = attachable.iteratorForAppenders(); iterator.hasNext();) {
			Appender<E> appender = iterator.next();
			if (appender instanceof FileAppender<?> fileAppender) {
				appenders.add(fileAppender);
			}
			else if (appender instanceof AppenderAttachable<?> wrapper) {
				// AsyncAppender and friends: the file appender sits behind them
				collectUnchecked(wrapper, appenders);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void collectUnchecked(AppenderAttachable<?> attachable, Set<FileAppender<?>> appenders) {
		collect((AppenderAttachable<Object>) attachable, appenders);
	}

}
