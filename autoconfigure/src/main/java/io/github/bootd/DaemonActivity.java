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
package io.github.bootd;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * What the daemon has done since it started: reloads, log reopens and the signals it
 * received, counted from the {@link DaemonOutcomeEvent}s it publishes, by kind of event.
 * Kept in memory, read by the endpoint, metrics and health. It counts every signal; the
 * signal inbox only passes them on.
 *
 * @author bootd authors
 */
public final class DaemonActivity implements ApplicationListener<DaemonOutcomeEvent>, Ordered {

	private final Map<Class<?>, Tally> tallies = new ConcurrentHashMap<>();

	/**
	 * First among the listeners: what a listener after it reads (the endpoint, the state
	 * file) must include this outcome, and a listener that throws must not lose it.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(DaemonOutcomeEvent event) {
		this.tallies.computeIfAbsent(event.getClass(), (type) -> new Tally()).record(event);
	}

	/**
	 * Return how many outcomes of a kind were published.
	 * @param kind the class of the event, such as {@code DaemonReloadedEvent}
	 * @return the count
	 */
	public long getCount(Class<? extends DaemonOutcomeEvent> kind) {
		Tally tally = this.tallies.get(kind);
		return (tally != null) ? tally.count.get() : 0;
	}

	/**
	 * Return how many outcomes of a kind were failures.
	 * @param kind the class of the event
	 * @return the count of failures
	 */
	public long getFailures(Class<? extends DaemonOutcomeEvent> kind) {
		Tally tally = this.tallies.get(kind);
		return (tally != null) ? tally.failures.get() : 0;
	}

	/**
	 * Return the last outcome of a kind.
	 * @param <E> the type of the event
	 * @param kind the class of the event
	 * @return the last event, or {@code null} if there was none
	 */
	public <E extends DaemonOutcomeEvent> @Nullable E getLast(Class<E> kind) {
		Tally tally = this.tallies.get(kind);
		return (tally != null) ? kind.cast(tally.last) : null;
	}

	/**
	 * Return how many outcomes of a kind were published, by subject, such as the number
	 * of times each signal was received, by signal name.
	 * @param kind the class of the event
	 * @return the counts, sorted by subject
	 */
	public Map<String, Long> getCountsBySubject(Class<? extends DaemonOutcomeEvent> kind) {
		Map<String, Long> counts = new TreeMap<>();
		Tally tally = this.tallies.get(kind);
		if (tally != null) {
			tally.bySubject.forEach((subject, count) -> counts.put(subject, count.get()));
		}
		return counts;
	}

	private static final class Tally {

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private final Map<String, AtomicLong> bySubject = new ConcurrentHashMap<>();

		private volatile @Nullable DaemonOutcomeEvent last;

		void record(DaemonOutcomeEvent event) {
			// The last one first: a reader that sees the new count also sees its outcome
			this.last = event;
			if (event.isFailure()) {
				this.failures.incrementAndGet();
			}
			String subject = event.getSubject();
			if (subject != null) {
				this.bySubject.computeIfAbsent(subject, (key) -> new AtomicLong()).incrementAndGet();
			}
			this.count.incrementAndGet();
		}

	}

}
