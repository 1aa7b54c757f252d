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
import java.util.List;

/**
 * The run's phases, in order: each begins when it is named (a {@code phase NAME} command)
 * and ends when the next begins or the run stops. A name may come back (two steady
 * windows); the report adds up its intervals. A request belongs to the phase in effect
 * when it started.
 *
 * @author bootd authors
 */
final class Phases {

	private final List<String> names = new ArrayList<>();

	private final List<Long> starts = new ArrayList<>();

	private long end = -1;

	private volatile int current;

	Phases(String first, long startNanos) {
		begin(first, startNanos);
	}

	synchronized void begin(String name, long startNanos) {
		this.names.add(name);
		this.starts.add(startNanos);
		this.current = this.names.size() - 1;
	}

	int current() {
		return this.current;
	}

	synchronized void end(long endNanos) {
		this.end = endNanos;
	}

	synchronized int count() {
		return this.names.size();
	}

	synchronized String name(int index) {
		return this.names.get(index);
	}

	synchronized long start(int index) {
		return this.starts.get(index);
	}

	synchronized long end(int index) {
		return (index + 1 < this.starts.size()) ? this.starts.get(index + 1) : this.end;
	}

	/**
	 * The distinct names in the order they first began.
	 * @return the names
	 */
	synchronized List<String> distinctNames() {
		return this.names.stream().distinct().toList();
	}

}
