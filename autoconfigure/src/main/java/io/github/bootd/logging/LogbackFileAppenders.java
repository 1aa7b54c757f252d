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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
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
public final class LogbackFileAppenders {

	private LogbackFileAppenders() {
	}

	static boolean isActive() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return factory instanceof LoggerContext;
	}

	/**
	 * Return the absolute paths of the files {@link #reopen} reopens, the same walk: what
	 * {@code /actuator/daemon} lists, so that it shows exactly what a reopen-logs
	 * reaches. Call only where logback is on the class path.
	 * @return the files, in the order found; empty when another logging system is in use
	 */
	public static List<String> files() {
		if (!isActive()) {
			return List.of();
		}
		Set<String> files = new LinkedHashSet<>();
		for (FileAppender<?> appender : started()) {
			files.add(Path.of(appender.getFile()).toAbsolutePath().toString());
		}
		return new ArrayList<>(files);
	}

	static void reopen(List<String> reopened, List<String> failures) {
		for (FileAppender<?> appender : started()) {
			String file = appender.getFile();
			try {
				appender.openFile(file);
				reopened.add(file);
			}
			catch (IOException | RuntimeException ex) {
				failures.add(file + " (appender '" + appender.getName() + "'): " + ex);
			}
		}
	}

	/**
	 * The started file appenders that have a file, each once and in the order found,
	 * behind any depth of appenders that hold others (an AsyncAppender in front of a file
	 * appender, or in front of another wrapper).
	 */
	private static List<FileAppender<?>> started() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
		List<FileAppender<?>> appenders = new ArrayList<>();
		for (Logger logger : context.getLoggerList()) {
			collect(logger, appenders, visited);
		}
		appenders.removeIf((appender) -> appender.getFile() == null || !appender.isStarted());
		return appenders;
	}

	private static <E> void collect(AppenderAttachable<E> attachable, List<FileAppender<?>> appenders,
			Set<Object> visited) {
		for (Iterator<Appender<E>> iterator = attachable.iteratorForAppenders(); iterator.hasNext();) {
			Appender<E> appender = iterator.next();
			if (!visited.add(appender)) {
				// Attached to several loggers (or, misconfigured, to itself): walked once
				continue;
			}
			if (appender instanceof FileAppender<?> fileAppender) {
				appenders.add(fileAppender);
			}
			else if (appender instanceof AppenderAttachable<?> wrapper) {
				collectUnchecked(wrapper, appenders, visited);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void collectUnchecked(AppenderAttachable<?> attachable, List<FileAppender<?>> appenders,
			Set<Object> visited) {
		collect((AppenderAttachable<Object>) attachable, appenders, visited);
	}

}
