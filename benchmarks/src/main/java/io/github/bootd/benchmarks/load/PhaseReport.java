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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one phase over every client's log: requests, failures by kind, retries,
 * latency percentiles of the successful requests, the longest time during which no
 * request completed successfully, and the sum of such gaps of a second or more (the
 * outages a user of the service would see).
 *
 * @param phase the phase's name
 * @param seconds how long the phase lasted (all its intervals)
 * @param requests requests that started in the phase
 * @param ok of those, the ones that got a 2xx response
 * @param failures the others, by outcome label
 * @param retried requests retried on a new connection
 * @param retriedOk of those, the ones that got a 2xx
 * @param p50Millis median latency of the successful requests
 * @param p99Millis 99th percentile latency of the successful requests
 * @param maxMillis highest latency of the successful requests
 * @param longestGapMillis longest time in the phase without a successful response
 * @param outageSeconds total time in the phase in gaps of at least {@link #OUTAGE}
 * between successful responses
 * @author bootd authors
 */
record PhaseReport(String phase, double seconds, long requests, long ok, Map<String, Long> failures, long retried,
		long retriedOk, double p50Millis, double p99Millis, double maxMillis, double longestGapMillis,
		double outageSeconds) {

	/**
	 * The shortest gap between successful responses counted as an outage: far above any
	 * steady-state latency here, far below a JVM's start.
	 */
	static final long OUTAGE = 1_000_000_000L;

	static List<PhaseReport> of(Phases phases, List<RequestLog> logs) {
		List<PhaseReport> reports = new ArrayList<>();
		for (String name : phases.distinctNames()) {
			reports.add(of(name, phases, logs));
		}
		return reports;
	}

	static PhaseReport of(String name, Phases phases, List<RequestLog> logs) {
		List<Integer> indexes = new ArrayList<>();
		boolean[] inPhase = new boolean[phases.count()];
		for (int i = 0; i < phases.count(); i++) {
			if (phases.name(i).equals(name)) {
				indexes.add(i);
				inPhase[i] = true;
			}
		}
		long requests = 0;
		long retried = 0;
		long retriedOk = 0;
		Map<String, Long> failures = new TreeMap<>();
		long[] latencies = new long[16];
		int ok = 0;
		for (RequestLog log : logs) {
			for (int i = 0; i < log.size(); i++) {
				if (!inPhase[log.phase(i)]) {
					continue;
				}
				requests++;
				boolean success = Outcome.OK.equals(log.outcome(i));
				if (log.retried(i)) {
					retried++;
					retriedOk += success ? 1 : 0;
				}
				if (success) {
					if (ok == latencies.length) {
						latencies = Arrays.copyOf(latencies, ok * 2);
					}
					latencies[ok++] = log.latency(i);
				}
				else {
					failures.merge(log.outcome(i), 1L, Long::sum);
				}
			}
		}
		latencies = Arrays.copyOf(latencies, ok);
		Arrays.sort(latencies);
		double seconds = 0;
		double longestGap = 0;
		double outage = 0;
		for (int index : indexes) {
			long start = phases.start(index);
			long end = phases.end(index);
			seconds += (end - start) / 1e9;
			for (long gap : gaps(start, end, logs)) {
				longestGap = Math.max(longestGap, gap / 1e6);
				outage += (gap >= OUTAGE) ? gap / 1e9 : 0;
			}
		}
		return new PhaseReport(name, seconds, requests, ok, failures, retried, retriedOk,
				millis(percentile(latencies, 50)), millis(percentile(latencies, 99)),
				millis((ok > 0) ? latencies[ok - 1] : -1), longestGap, outage);
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code p} % of the
	 * values at or below it.
	 * @param sorted the values, ascending
	 * @param p the percentile, 0 &lt; p ≤ 100
	 * @return the value, or -1 when there is none
	 */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.max(rank, 1) - 1];
	}

	/**
	 * The intervals within {@code [start, end]} between successive 2xx completions (and
	 * from {@code start} to the first, from the last to {@code end}), whichever phase the
	 * requests started in.
	 */
	static long[] gaps(long start, long end, List<RequestLog> logs) {
		long[] completions = new long[16];
		int count = 0;
		for (RequestLog log : logs) {
			for (int i = 0; i < log.size(); i++) {
				long completion = log.start(i) + log.latency(i);
				if (Outcome.OK.equals(log.outcome(i)) && completion >= start && completion <= end) {
					if (count == completions.length) {
						completions = Arrays.copyOf(completions, count * 2);
					}
					completions[count++] = completion;
				}
			}
		}
		Arrays.sort(completions, 0, count);
		long[] gaps = new long[count + 1];
		long previous = start;
		for (int i = 0; i < count; i++) {
			gaps[i] = completions[i] - previous;
			previous = completions[i];
		}
		gaps[count] = end - previous;
		return gaps;
	}

	long failed() {
		return this.requests - this.ok;
	}

	long failed(String outcome) {
		return this.failures.getOrDefault(outcome, 0L);
	}

	/**
	 * Failures that are none of refused, reset, timeout and closed.
	 * @return their count
	 */
	long otherFailures() {
		return failed() - failed(Outcome.REFUSED) - failed(Outcome.RESET) - failed(Outcome.TIMEOUT)
				- failed(Outcome.CLOSED);
	}

	private static double millis(long nanos) {
		return (nanos < 0) ? Double.NaN : nanos / 1e6;
	}

}
