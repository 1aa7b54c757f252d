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

import io.github.bootd.DaemonOutcomeEvent;

/**
 * Published after every reopen of the log files, complete or not (a signal or the daemon
 * endpoint asked for it).
 *
 * @author bootd authors
 */
public class DaemonLogsReopenedEvent extends DaemonOutcomeEvent {

	private final LogReopenResult result;

	/**
	 * Create an event.
	 * @param source the reopener
	 * @param result what the reopen did
	 */
	public DaemonLogsReopenedEvent(Object source, LogReopenResult result) {
		super(source);
		this.result = result;
	}

	public LogReopenResult getResult() {
		return this.result;
	}

	/**
	 * Return whether a file could not be reopened (it keeps writing where it was).
	 * @return whether the reopen failed for at least one file
	 */
	@Override
	public boolean isFailure() {
		return this.result.error() != null;
	}

}
