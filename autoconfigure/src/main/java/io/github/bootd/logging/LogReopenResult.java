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
package io.github.bootd.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one log reopen did.
 *
 * @param time when the reopen started
 * @param duration how long it took
 * @param reopened the files that now write to a fresh file at their configured path
 * @param failures the files that could not be reopened and keep writing where they were,
 * each with the reason
 * @author bootd authors
 */
public record LogReopenResult(Instant time, Duration duration, List<String> reopened, List<String> failures) {

	public LogReopenResult {
		reopened = List.copyOf(reopened);
		failures = List.copyOf(failures);
	}

	/**
	 * Return the failures as one message.
	 * @return the failures, or {@code null} if every file was reopened
	 */
	public @Nullable String error() {
		return this.failures.isEmpty() ? null : String.join("; ", this.failures);
	}

}
