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

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.bootd.reload.ReloadResult;
import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * What the daemon has done since it started: reloads, log reopens and the signals it
 * received. Kept in memory, read by the endpoint, metrics and health.
 *
 * @author bootd authors
 */
public final class DaemonActivity {

	private final AtomicLong reloads = new AtomicLong();

	private final AtomicLong reloadFailures = new AtomicLong();

	private volatile @Nullable ReloadResult lastReload;

	private final AtomicLong logReopens = new AtomicLong();

	private final AtomicLong logReopenFailures = new AtomicLong();

	private volatile @Nullable Instant lastLogReopen;

	private volatile @Nullable String lastLogReopenError;

	private final Map<String, AtomicLong> signals = new ConcurrentHashMap<>();

	/**
	 * Record the result of a configuration reload.
	 * @param result the result
	 */
	public void recordReload(ReloadResult result) {
		this.reloads.incrementAndGet();
		if (result.outcome() == Outcome.FAILED) {
			this.reloadFailures.incrementAndGet();
		}
		this.lastReload = result;
	}

	/**
	 * Record a reopen of the log files.
	 * @param time when it happened
	 * @param error what failed, or {@code null} if every file was reopened
	 */
	public void recordLogReopen(Instant time, @Nullable String error) {
		this.logReopens.incrementAndGet();
		if (error != null) {
			this.logReopenFailures.incrementAndGet();
		}
		this.lastLogReopen = time;
		this.lastLogReopenError = error;
	}

	/**
	 * Record a received signal.
	 * @param name the signal name without the SIG prefix, such as {@code HUP}
	 */
	public void recordSignal(String name) {
		this.signals.computeIfAbsent(name, (key) -> new AtomicLong()).incrementAndGet();
	}

	public long getReloads() {
		return this.reloads.get();
	}

	public long getReloadFailures() {
		return this.reloadFailures.get();
	}

	public @Nullable ReloadResult getLastReload() {
		return this.lastReload;
	}

	public long getLogReopens() {
		return this.logReopens.get();
	}

	public long getLogReopenFailures() {
		return this.logReopenFailures.get();
	}

	public @Nullable Instant getLastLogReopen() {
		return this.lastLogReopen;
	}

	public @Nullable String getLastLogReopenError() {
		return this.lastLogReopenError;
	}

	/**
	 * Return how many times each signal was received, by name.
	 * @return the counts, sorted by signal name
	 */
	public Map<String, Long> getSignals() {
		Map<String, Long> counts = new TreeMap<>();
		this.signals.forEach((name, count) -> counts.put(name, count.get()));
		return counts;
	}

}
