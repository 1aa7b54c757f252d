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
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one configuration reload.
 *
 * @param generation the reload's number, counting from 1 for the first reload
 * @param time when the reload started
 * @param duration how long it took
 * @param outcome whether it was applied
 * @param appliedKeys keys this reload changed in the running application
 * @param restartKeys keys whose value in the files differs from the one the service
 * started with and that take effect only after a restart
 * @param error why the reload failed: the file, key and value, or {@code null}
 * @author bootd authors
 */
public record ReloadResult(long generation, Instant time, Duration duration, Outcome outcome, Set<String> appliedKeys,
		Set<String> restartKeys, @Nullable String error) {

	public ReloadResult {
		appliedKeys = Set.copyOf(appliedKeys);
		restartKeys = Set.copyOf(restartKeys);
	}

	/**
	 * Say what an applied reload changed, compared with what the service runs with.
	 * @return such as {@code applied live: [a.b]; needs a restart: [server.port]},
	 * {@code nothing applied live; needs a restart: [server.port]} or {@code no change}
	 * @see #describeChanges(Collection, Collection)
	 */
	public String changes() {
		return describeChanges(this.appliedKeys, this.restartKeys);
	}

	/**
	 * Say what a reload changed: the one wording of the log, the systemd status and the
	 * control actions, so that an operator reads the same words wherever they look.
	 * @param appliedKeys the keys applied live
	 * @param restartKeys the keys that need a restart
	 * @return the description
	 */
	public static String describeChanges(Collection<String> appliedKeys, Collection<String> restartKeys) {
		if (appliedKeys.isEmpty() && restartKeys.isEmpty()) {
			return "no change";
		}
		String live = appliedKeys.isEmpty() ? "nothing applied live" : "applied live: " + new TreeSet<>(appliedKeys);
		return restartKeys.isEmpty() ? live : live + "; needs a restart: " + new TreeSet<>(restartKeys);
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
