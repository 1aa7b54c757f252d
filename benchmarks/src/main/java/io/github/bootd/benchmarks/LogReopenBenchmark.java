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
package io.github.bootd.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import io.github.bootd.logging.LogReopener;

/**
 * Log reopen under load: 4 threads log numbered lines as fast as they can while the main
 * thread renames the file and reopens it, 100 times. Then every line is looked for in the
 * renamed files and the fresh one: lost and duplicated lines are counted, and the longest
 * time a single logging call took is reported. bootd's {@link LogReopener} and logback's
 * {@code stop(); start()} run in the same JVM, alternating round by round (bootd,
 * logback, bootd, ...), so that a noisy moment of the machine or the JIT's warm-up does
 * not favour the variant that happened to run second.
 *
 * @author bootd authors
 */
final class LogReopenBenchmark {

	private static final int THREADS = 4;

	/** Pacing between rotations, not a wait for a condition. */
	private static final long CYCLE_MILLIS = 20;

	private LogReopenBenchmark() {
	}

	static void run(int cycles, int rounds) throws Exception {
		System.out.printf("Log reopen under load: %d threads, %d rename + reopen cycles every %d ms, %d rounds of each "
				+ "variant, alternating%n", THREADS, cycles, CYCLE_MILLIS, rounds);
		System.out.println("| round | reopen | lines/s | lines | lost | duplicated | reopen p50 ms | reopen max ms "
				+ "| longest logging call ms |");
		System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
		for (int round = 1; round <= rounds; round++) {
			run(round, "bootd LogReopener (openFile under the appender lock)", cycles, true);
			run(round, "logback stop(); start()", cycles, false);
		}
	}

	private static void run(int round, String name, int cycles, boolean bootd) throws Exception {
		Path directory = Files.createTempDirectory("bootd-reopen-bench");
		Path file = directory.resolve("app.log");
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.reset();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.start();
		FileAppender<ILoggingEvent> appender = new FileAppender<>();
		appender.setContext(context);
		appender.setName("FILE");
		appender.setFile(file.toString());
		appender.setEncoder(encoder);
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		root.addAppender(appender);
		org.slf4j.Logger logger = context.getLogger("bench");
		// Its outcome events go nowhere (lines are counted, not events); no daemon
		LogReopener reopener = new LogReopener((event) -> {
		}, null);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong longestCall = new AtomicLong();
		long[] written = new long[THREADS];
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int id = t;
			Thread thread = new Thread(() -> {
				long seq = 0;
				long longest = 0;
				while (running.get()) {
					long start = System.nanoTime();
					logger.info("t{} {}", id, seq);
					longest = Math.max(longest, System.nanoTime() - start);
					seq++;
				}
				written[id] = seq;
				longestCall.accumulateAndGet(longest, Math::max);
			});
			threads.add(thread);
		}
		long start = System.nanoTime();
		threads.forEach(Thread::start);
		List<Double> reopens = new ArrayList<>();
		for (int cycle = 1; cycle <= cycles; cycle++) {
			Thread.sleep(CYCLE_MILLIS);
			Files.move(file, directory.resolve("app.log." + cycle));
			long reopenStart = System.nanoTime();
			if (bootd) {
				reopener.reopen();
			}
			else {
				appender.stop();
				appender.start();
			}
			reopens.add((System.nanoTime() - reopenStart) / 1e6);
		}
		Thread.sleep(CYCLE_MILLIS);
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		context.stop();
		BitSet[] seen = new BitSet[THREADS];
		for (int t = 0; t < THREADS; t++) {
			seen[t] = new BitSet();
		}
		long duplicated = 0;
		try (Stream<Path> files = Files.list(directory)) {
			for (Path log : files.toList()) {
				duplicated += count(log, seen);
			}
		}
		long total = 0;
		long lost = 0;
		for (int t = 0; t < THREADS; t++) {
			total += written[t];
			lost += written[t] - seen[t].cardinality();
		}
		Collections.sort(reopens);
		System.out.printf("| %d | %s | %,.0f | %,d | %,d | %,d | %.1f | %.1f | %.1f |%n", round, name, total / seconds,
				total, lost, duplicated, ReloadBenchmark.p(reopens, 50), ReloadBenchmark.p(reopens, 100),
				longestCall.get() / 1e6);
		try (Stream<Path> files = Files.list(directory)) {
			for (Path log : files.toList()) {
				Files.delete(log);
			}
		}
		Files.delete(directory);
	}

	/** Mark the lines of a file as seen; return how many had been seen already. */
	private static long count(Path log, BitSet[] seen) throws IOException {
		long duplicated = 0;
		try (Stream<String> lines = Files.lines(log)) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.length() > 1 && line.charAt(0) == 't') {
					int space = line.indexOf(' ');
					int thread = Integer.parseInt(line, 1, space, 10);
					int seq = Integer.parseInt(line, space + 1, line.length(), 10);
					if (seen[thread].get(seq)) {
						duplicated++;
					}
					seen[thread].set(seq);
				}
			}
		}
		return duplicated;
	}

}
