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
package io.github.bootd.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * logrotate's {@code create} + {@code postrotate kill -USR1 / -HUP} on the packaged
 * sample running as a detached daemon, while requests keep it logging: the renamed files
 * hold every line logged before the reopen, the fresh files every line after, none twice.
 *
 * @author bootd authors
 */
class LogReopenIT {

	private static final Pattern GREETING = Pattern.compile("Greeting (\\d+)$", Pattern.MULTILINE);

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@ParameterizedTest
	@ValueSource(strings = { "USR1", "HUP" })
	void reopenWhenFilesRenamedShouldContinueInFreshFilesWithoutLosingALine(String signal) throws Exception {
		int port = SignalledDaemon.freePort();
		writeConfig(port);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		try (Load load = new Load(daemon, port)) {
			daemon.awaitLog("app.log", "Greeting 20\n");
			Files.move(daemon.file("app.log"), daemon.file("app.log.1"));
			Files.move(daemon.file("sample.out"), daemon.file("sample.out.1"));
			daemon.kill(signal);
			daemon.awaitLog("app.log", "Reopened log files");
			daemon.awaitLog("sample.out", "Reopened log files");
			int last = load.stopAfterMore(20);
			daemon.awaitLog("app.log", "Greeting " + last + "\n");
			daemon.awaitLog("sample.out", "Greeting " + last + "\n");
			for (String name : new String[] { "app.log", "sample.out" }) {
				String renamed = SignalledDaemon.read(daemon.file(name + ".1"));
				String fresh = SignalledDaemon.read(daemon.file(name));
				assertThat(renamed).contains("Started SampleApplication").doesNotContain("Reopened log files");
				assertThat(fresh).doesNotContain("Started SampleApplication");
				assertThat(greetings(renamed)).as("greetings in the renamed %s", name).isNotEmpty();
				assertThat(greetings(fresh)).as("greetings in the fresh %s", name).isNotEmpty();
				Map<Integer, Integer> counts = greetings(renamed + fresh);
				assertThat(counts).as("every greeting in %s, once", name).hasSize(last);
				assertThat(counts.values()).as("each greeting's count in %s", name).containsOnly(1);
			}
		}
	}

	@Test
	void reopenWhenPathCannotBeOpenedShouldKeepWritingWhereItWasAndSaySo() throws Exception {
		int port = SignalledDaemon.freePort();
		writeConfig(port);
		SignalledDaemon daemon = this.daemons.startSignalled(List.of());
		daemon.get(port, "/greeting");
		Files.move(daemon.file("app.log"), daemon.file("app.log.1"));
		Files.move(daemon.file("sample.out"), daemon.file("sample.out.1"));
		// A directory where the file should be: open(2) fails with EISDIR, even for root
		Files.createDirectory(daemon.file("app.log"));
		Files.createDirectory(daemon.file("sample.out"));
		daemon.kill("USR1");
		String log = daemon.awaitLog("app.log.1", "Could not reopen every log file");
		assertThat(log).contains(daemon.file("app.log").toString()).contains("daemon.output-file");
		daemon.get(port, "/greeting");
		daemon.awaitLog("app.log.1", "Greeting 2\n");
		daemon.awaitLog("sample.out.1", "Greeting 2\n");
		assertThat(daemon.isAlive()).isTrue();
	}

	private static Map<Integer, Integer> greetings(String log) {
		Map<Integer, Integer> counts = new TreeMap<>();
		Matcher matcher = GREETING.matcher(log);
		while (matcher.find()) {
			counts.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
		}
		return counts;
	}

	private void writeConfig(int port) throws IOException {
		Files.writeString(this.directory.resolve("application.properties"), """
				server.port=%d
				logging.file.name=app.log
				logging.level.io.github.bootd.sample=DEBUG
				""".formatted(port));
	}

	/**
	 * Requests one after another on a thread of its own, each logging a numbered line.
	 */
	private static final class Load implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger served = new AtomicInteger();

		private final Thread thread;

		private volatile Exception failure;

		Load(SignalledDaemon daemon, int port) {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						daemon.get(port, "/greeting");
						this.served.incrementAndGet();
					}
					catch (Exception ex) {
						this.failure = ex;
						return;
					}
				}
			}, "load");
			this.thread.start();
		}

		/** Let the load run for some more requests, stop it, return the number served. */
		int stopAfterMore(int more) throws InterruptedException {
			int target = this.served.get() + more;
			SignalledDaemon.await(() -> this.served.get() >= target || this.failure != null, Boolean::booleanValue,
					more + " more requests");
			close();
			assertThat(this.failure).isNull();
			return this.served.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(SignalledDaemon.AWAIT_TIMEOUT.toMillis());
		}

	}

}
