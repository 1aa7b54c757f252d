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
package io.github.bootd.benchmarks.load;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the deploy benchmark ({@code benchmarks/deploy.sh}): N concurrent
 * closed-loop clients on loopback, each sending {@code GET /greeting} as soon as its last
 * request ended, and a report per phase. Plain Java, no dependency, so that the script
 * can compile it with {@code javac} alone.
 *
 * <pre>
 * java io.github.bootd.benchmarks.load.LoadGenerator --port=8080 [--clients=8]
 *     [--mode=new-connection|keep-alive] [--label=NAME] [--path=/greeting]
 *     [--max-seconds=1800] [--max-requests=4000000] [--timeout-ms=10000]
 *     [--failure-pause-ms=10] [--first-phase=start] [--raw=requests.csv] [--rate=0]
 * </pre>
 *
 * {@code --rate} paces the clients to that many requests per second in all (0, the
 * default: each sends its next request as soon as the last one ended, saturating the
 * server); a paced request's latency counts from its slot in the schedule, and a client
 * more than a second behind it drops the slots it missed.
 *
 * Commands on standard input, one a line: {@code phase NAME} begins a phase (requests are
 * counted in the phase in effect when they start; the first phase is
 * {@code --first-phase}), {@code stop} (or the end of the input) stops the clients and
 * prints the report: a Markdown table, one row per phase, then notes (other failure
 * kinds, limits reached). The run is bounded in time ({@code --max-seconds}) and in
 * requests ({@code --max-requests}) whatever the commands say.
 *
 * @author bootd authors
 */
public final class LoadGenerator {

	static final String HEADER = "| mode | phase | s | requests | req/s | failed | refused | reset | timeout | closed "
			+ "| other | retried (ok) | p50 ms | p99 ms | max ms | longest gap without a 2xx, ms "
			+ "| outage s (gaps ≥ 1 s) |";

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		InetAddress host = InetAddress.getByName(options.getOrDefault("host", "127.0.0.1"));
		if (!host.isLoopbackAddress()) {
			throw new IllegalArgumentException("Refusing to load " + host + ": the benchmark runs on loopback only");
		}
		InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(required(options, "port")));
		int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
		String mode = options.getOrDefault("mode", "new-connection");
		if (!mode.equals("new-connection") && !mode.equals("keep-alive")) {
			throw new IllegalArgumentException("Unknown --mode=" + mode + ": new-connection or keep-alive");
		}
		String label = options.getOrDefault("label", mode);
		long maxSeconds = Long.parseLong(options.getOrDefault("max-seconds", "1800"));
		long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "4000000"));
		int timeoutMillis = Integer.parseInt(options.getOrDefault("timeout-ms", "10000"));
		long failurePause = Long.parseLong(options.getOrDefault("failure-pause-ms", "10"));
		String raw = options.get("raw");
		double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
		long interval = (rate > 0) ? (long) (clients * 1_000_000_000L / rate) : 0;

		long origin = System.nanoTime();
		Phases phases = new Phases(options.getOrDefault("first-phase", "start"), 0);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong budget = new AtomicLong(maxRequests);
		CountDownLatch stopCommand = new CountDownLatch(1);
		List<ClosedLoopClient> loops = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			ClosedLoopClient client = new ClosedLoopClient(address, options.getOrDefault("path", "/greeting"),
					mode.equals("keep-alive"), timeoutMillis, failurePause, phases, origin, stop, budget, interval);
			loops.add(client);
			Thread thread = new Thread(client, "client-" + i);
			threads.add(thread);
		}
		Thread commands = new Thread(() -> readCommands(phases, origin, stopCommand), "commands");
		commands.setDaemon(true);
		commands.start();
		threads.forEach(Thread::start);
		boolean stoppedByCommand = stopCommand.await(maxSeconds, TimeUnit.SECONDS);
		stop.set(true);
		long stopped = System.nanoTime() - origin;
		phases.end(stopped);
		for (Thread thread : threads) {
			// A request in flight ends within its timeout (connect, then each read)
			thread.join(4L * timeoutMillis + 1000);
		}
		List<RequestLog> logs = new ArrayList<>();
		loops.forEach((loop) -> logs.add(loop.log()));
		List<PhaseReport> reports = PhaseReport.of(phases, logs);
		print(System.out, label, reports);
		if (!stoppedByCommand) {
			System.out.println("note: " + label + ": stopped by the time limit, --max-seconds=" + maxSeconds);
		}
		if (budget.get() <= 0) {
			System.out.println("note: " + label + ": the request limit (--max-requests=" + maxRequests
					+ ") was reached before the end: the last phases are cut short");
		}
		for (Thread thread : threads) {
			if (thread.isAlive()) {
				System.out.println("note: " + label + ": " + thread.getName() + " did not end within its timeout");
			}
		}
		if (raw != null) {
			writeRaw(Path.of(raw), phases, logs);
		}
		System.exit(0);
	}

	private static void readCommands(Phases phases, long origin, CountDownLatch stop) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String command = line.trim();
				if (command.startsWith("phase ") && command.length() > 6) {
					phases.begin(command.substring(6).trim(), System.nanoTime() - origin);
				}
				else if (command.equals("stop")) {
					break;
				}
				else if (!command.isEmpty()) {
					System.err.println("load generator: ignoring unknown command '" + command + "'");
				}
			}
		}
		catch (IOException ex) {
			System.err.println("load generator: cannot read commands: " + ex);
		}
		stop.countDown();
	}

	static void print(PrintStream out, String label, List<PhaseReport> reports) {
		out.println(HEADER);
		out.println("|---|---|" + "---:|".repeat(15));
		for (PhaseReport report : reports) {
			out.println(String.format(Locale.ROOT,
					"| %s | %s | %.1f | %d | %.0f | %s | %d | %d | %d | %d | %d | %d (%d) | %.2f | %.2f | %.1f | %.0f | %.1f |",
					label, report.phase(), report.seconds(), report.requests(),
					(report.seconds() > 0) ? report.requests() / report.seconds() : 0.0,
					(report.failed() == 0) ? "**0**" : String.valueOf(report.failed()), report.failed(Outcome.REFUSED),
					report.failed(Outcome.RESET), report.failed(Outcome.TIMEOUT), report.failed(Outcome.CLOSED),
					report.otherFailures(), report.retried(), report.retriedOk(), report.p50Millis(),
					report.p99Millis(), report.maxMillis(), report.longestGapMillis(), report.outageSeconds()));
		}
		for (PhaseReport report : reports) {
			report.failures().forEach((outcome, count) -> {
				if (!List.of(Outcome.REFUSED, Outcome.RESET, Outcome.TIMEOUT, Outcome.CLOSED).contains(outcome)) {
					out.println("note: " + label + ", " + report.phase() + ": " + count + " × " + outcome);
				}
			});
		}
	}

	private static void writeRaw(Path file, Phases phases, List<RequestLog> logs) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("client,phase,start_ms,latency_ms,outcome,retried\n");
			for (int c = 0; c < logs.size(); c++) {
				RequestLog log = logs.get(c);
				for (int i = 0; i < log.size(); i++) {
					out.write(String.format(Locale.ROOT, "%d,%s,%.3f,%.3f,%s,%b%n", c, phases.name(log.phase(i)),
							log.start(i) / 1e6, log.latency(i) / 1e6, log.outcome(i), log.retried(i)));
				}
			}
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "= is required");
		}
		return value;
	}

}
