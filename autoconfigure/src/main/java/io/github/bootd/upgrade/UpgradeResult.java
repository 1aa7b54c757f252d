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

package io.github.bootd.upgrade;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one upgrade: a successor started from the command the daemon was
 * launched with took the listening socket and the pid file over, or failed and was
 * stopped while this instance served on.
 *
 * @param time when the upgrade began
 * @param duration how long it took, until the hand-over or the failure
 * @param upgraded whether the successor took over
 * @param predecessor the pid of the instance that was upgraded
 * @param successor the pid of the successor, 0 when none was started
 * @param error why it failed, {@code null} when it did not
 * @author bootd authors
 */
public record UpgradeResult(Instant time, Duration duration, boolean upgraded, long predecessor, long successor,
		@Nullable String error) {

	/**
	 * Return the outcome as one word, as the state file and the metrics name it.
	 * @return {@code upgraded} or {@code failed}
	 */
	public String outcome() {
		return this.upgraded ? "upgraded" : "failed";
	}

	/**
	 * Return the outcome as a line.
	 * @return the summary
	 */
	public String summary() {
		if (this.upgraded) {
			return "pid " + this.predecessor + " handed over to pid " + this.successor;
		}
		return "failed" + ((this.successor > 0) ? " (successor pid " + this.successor + " stopped)" : "") + ": "
				+ this.error;
	}

}
