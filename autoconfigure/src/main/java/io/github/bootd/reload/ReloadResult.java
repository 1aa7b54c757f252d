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
package io.github.bootd.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one configuration reload. The keys are held sorted, so that every report
 * of it (the log, the systemd status, the state file, the endpoint, the control actions)
 * lists them in the same order without sorting them again.
 *
 * @param generation the reload's number, counting from 1 for the first reload
 * @param time when the reload started
 * @param duration how long it took
 * @param outcome whether it was applied
 * @param appliedKeys keys this reload changed in the running application, sorted
 * @param restartKeys keys whose value in the files differs from the one the service
 * started with and that take effect only after a restart, sorted
 * @param error why the reload failed: the file, key and value, or {@code null}
 * @author bootd authors
 */
public record ReloadResult(long generation, Instant time, Duration duration, Outcome outcome, List<String> appliedKeys,
		List<String> restartKeys, @Nullable String error) {

	public ReloadResult {
		appliedKeys = sorted(appliedKeys);
		restartKeys = sorted(restartKeys);
	}

	/**
	 * Create a result from the keys in any order.
	 * @param generation the reload's number
	 * @param time when the reload started
	 * @param duration how long it took
	 * @param outcome whether it was applied
	 * @param appliedKeys keys this reload changed in the running application
	 * @param restartKeys keys that take effect only after a restart
	 * @param error why the reload failed, or {@code null}
	 */
	public ReloadResult(long generation, Instant time, Duration duration, Outcome outcome,
			Collection<String> appliedKeys, Collection<String> restartKeys, @Nullable String error) {
		this(generation, time, duration, outcome, sorted(appliedKeys), sorted(restartKeys), error);
	}

	/**
	 * Return whether the reload was applied.
	 * @return {@code true} when applied, {@code false} when rejected
	 */
	public boolean applied() {
		return this.outcome == Outcome.APPLIED;
	}

	/**
	 * Say what an applied reload changed, compared with what the service runs with: the
	 * one wording of the log, the systemd status and the control actions, so that an
	 * operator reads the same words wherever they look.
	 * @return such as {@code applied live: [a.b]; needs a restart: [server.port]},
	 * {@code nothing applied live; needs a restart: [server.port]} or {@code no change}
	 */
	public String summary() {
		if (this.appliedKeys.isEmpty() && this.restartKeys.isEmpty()) {
			return "no change";
		}
		String live = this.appliedKeys.isEmpty() ? "nothing applied live" : "applied live: " + this.appliedKeys;
		return this.restartKeys.isEmpty() ? live : live + "; needs a restart: " + this.restartKeys;
	}

	private static List<String> sorted(Collection<String> keys) {
		return keys.stream().distinct().sorted().toList();
	}

	/**
	 * Whether a reload was applied.
	 */
	public enum Outcome {

		/** Every changed key was validated and applied. */
		APPLIED,

		/** Something failed; nothing changed and the old configuration stays. */
		FAILED

	}

}
