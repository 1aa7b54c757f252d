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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bootd.logging.DaemonLogsReopenedEvent;
import io.github.bootd.logging.LogReopenResult;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.signal.DaemonSignalReceivedEvent;

/**
 * Delivers outcome events to a {@link DaemonActivity} the way the application context
 * does, for tests that need an activity with a history.
 *
 * @author bootd authors
 */
public final class OutcomeEvents {

	private OutcomeEvents() {
	}

	public static void reload(DaemonActivity activity, ReloadResult result) {
		activity.onApplicationEvent(new DaemonReloadedEvent(OutcomeEvents.class, result));
	}

	public static void logReopen(DaemonActivity activity, Instant time, @Nullable String error) {
		List<String> failures = (error != null) ? List.of(error) : List.of();
		activity.onApplicationEvent(new DaemonLogsReopenedEvent(OutcomeEvents.class,
				new LogReopenResult(time, Duration.ZERO, List.of(), failures)));
	}

	public static void signal(DaemonActivity activity, String name) {
		activity.onApplicationEvent(new DaemonSignalReceivedEvent(OutcomeEvents.class, name));
	}

}
