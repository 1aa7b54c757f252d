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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.ClassUtils;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.process.NativePosix;

/**
 * Reopens the daemon's log files at their configured paths, so that after logrotate
 * renamed them the next lines go to fresh files: every logback file appender, and the
 * daemon's standard output and error ({@code daemon.output-file}, descriptors 1 and 2).
 * Called on USR1 and, after the reload, on HUP; one reopen at a time.
 * <p>
 * With Log4j2 only descriptors 1 and 2 are reopened; see docs/log-rotation.md.
 *
 * @author bootd authors
 */
public class LogReopener {

	private static final Log logger = LogFactory.getLog(LogReopener.class);

	private static final boolean logbackPresent = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			LogReopener.class.getClassLoader());

	private final ApplicationEventPublisher publisher;

	private final @Nullable DaemonRuntime runtime;

	/**
	 * Create a reopener.
	 * @param publisher where each outcome is published, as a
	 * {@link DaemonLogsReopenedEvent}
	 * @param runtime the daemon runtime, or {@code null} when bootd did not make this
	 * process a daemon (then only the log files are reopened)
	 */
	public LogReopener(ApplicationEventPublisher publisher, @Nullable DaemonRuntime runtime) {
		this.publisher = publisher;
		this.runtime = runtime;
	}

	/**
	 * Reopen every log file; a file that cannot be reopened keeps writing where it was,
	 * and the failure is logged and published.
	 * @return what was reopened and what failed
	 */
	public synchronized LogReopenResult reopen() {
		Instant time = Instant.now();
		long start = System.nanoTime();
		List<String> reopened = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		reopenOutput(reopened, failures);
		if (logbackPresent && LogbackFileAppenders.isActive()) {
			LogbackFileAppenders.reopen(reopened, failures);
		}
		LogReopenResult result = new LogReopenResult(time, Duration.ofNanos(System.nanoTime() - start), reopened,
				failures);
		this.publisher.publishEvent(new DaemonLogsReopenedEvent(this, result));
		// Logged after the reopen so that the line starts the fresh files
		if (failures.isEmpty()) {
			logger.info("Reopened log files " + reopened + " in " + result.duration().toMillis() + " ms");
		}
		else {
			logger.error("Could not reopen every log file; those that failed keep writing to the file they had open"
					+ " (renamed or not). Check that the directory exists, is writable and has space: " + result.error()
					+ ". Reopened: " + reopened);
		}
		return result;
	}

	private void reopenOutput(List<String> reopened, List<String> failures) {
		DaemonRuntime runtime = this.runtime;
		if (runtime == null || !runtime.isDetached()) {
			// In the foreground descriptors 1 and 2 belong to the supervisor (journald)
			return;
		}
		NativePosix posix = runtime.getPosix();
		Path outputFile = runtime.getSettings().outputFile();
		if (posix == null || outputFile == null) {
			return;
		}
		try {
			// open(O_APPEND) first, dup2 only once it succeeded: on failure 1 and 2 stay
			posix.redirectOutput(outputFile);
			reopened.add(outputFile.toString());
		}
		catch (RuntimeException ex) {
			failures.add(outputFile + " (daemon.output-file): " + ex.getMessage());
		}
	}

}
