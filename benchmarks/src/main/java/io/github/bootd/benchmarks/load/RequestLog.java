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

import java.util.Arrays;

/**
 * What one client recorded, request by request, in primitive arrays (a million requests
 * are a few tens of megabytes, not a million objects): the phase in effect when the
 * request started, its start (nanoseconds since the run's origin), its latency, its
 * outcome and whether it was retried on a new connection. Written by one client thread,
 * read once that thread has ended.
 *
 * @author bootd authors
 */
final class RequestLog {

	private int size;

	private int[] phases = new int[1024];

	private long[] starts = new long[1024];

	private long[] latencies = new long[1024];

	private String[] outcomes = new String[1024];

	private boolean[] retried = new boolean[1024];

	void add(int phase, long startNanos, long latencyNanos, String outcome, boolean retried) {
		if (this.size == this.phases.length) {
			int capacity = this.size * 2;
			this.phases = Arrays.copyOf(this.phases, capacity);
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.latencies = Arrays.copyOf(this.latencies, capacity);
			this.outcomes = Arrays.copyOf(this.outcomes, capacity);
			this.retried = Arrays.copyOf(this.retried, capacity);
		}
		this.phases[this.size] = phase;
		this.starts[this.size] = startNanos;
		this.latencies[this.size] = latencyNanos;
		this.outcomes[this.size] = outcome;
		this.retried[this.size] = retried;
		this.size++;
	}

	int size() {
		return this.size;
	}

	int phase(int i) {
		return this.phases[i];
	}

	long start(int i) {
		return this.starts[i];
	}

	long latency(int i) {
		return this.latencies[i];
	}

	String outcome(int i) {
		return this.outcomes[i];
	}

	boolean retried(int i) {
		return this.retried[i];
	}

}
