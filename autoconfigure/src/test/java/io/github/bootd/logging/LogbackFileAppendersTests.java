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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogbackFileAppenders} in the test JVM's real logback.
 *
 * @author bootd authors
 */
class LogbackFileAppendersTests {

	@TempDir
	Path directory;

	@Test
	void filesShouldListExactlyWhatReopenReopensBehindNestedWrappers() throws Exception {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger logger = context.getLogger("io.github.bootd.test.nested");
		FileAppender<ILoggingEvent> file = fileAppender(context, this.directory.resolve("nested.log"));
		FileAppender<ILoggingEvent> stopped = fileAppender(context, this.directory.resolve("stopped.log"));
		stopped.stop();
		// Two wrappers deep: an AsyncAppender in front of another one
		AsyncAppender inner = async(context, "inner", file);
		inner.addAppender(stopped);
		AsyncAppender outer = async(context, "outer", inner);
		logger.addAppender(outer);
		try {
			String nested = this.directory.resolve("nested.log").toAbsolutePath().toString();
			assertThat(LogbackFileAppenders.files()).contains(nested)
				.doesNotContain(this.directory.resolve("stopped.log").toAbsolutePath().toString());
			List<String> reopened = new ArrayList<>();
			List<String> failures = new ArrayList<>();
			LogbackFileAppenders.reopen(reopened, failures);
			assertThat(failures).isEmpty();
			assertThat(reopened.stream().map((path) -> Path.of(path).toAbsolutePath().toString()).toList())
				.containsExactlyElementsOf(LogbackFileAppenders.files());
		}
		finally {
			logger.detachAppender(outer);
			outer.stop();
			inner.stop();
			file.stop();
		}
		assertThat(Files.exists(this.directory.resolve("nested.log"))).isTrue();
	}

	private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path path) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.start();
		FileAppender<ILoggingEvent> appender = new FileAppender<>();
		appender.setContext(context);
		appender.setName(path.getFileName().toString());
		appender.setFile(path.toString());
		appender.setEncoder(encoder);
		appender.start();
		return appender;
	}

	private static AsyncAppender async(LoggerContext context, String name,
			ch.qos.logback.core.Appender<ILoggingEvent> delegate) {
		AsyncAppender async = new AsyncAppender();
		async.setContext(context);
		async.setName(name);
		async.addAppender(delegate);
		async.start();
		return async;
	}

}
