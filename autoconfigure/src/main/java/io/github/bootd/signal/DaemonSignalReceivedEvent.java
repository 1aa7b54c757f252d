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
package io.github.bootd.signal;

import io.github.bootd.DaemonOutcomeEvent;

/**
 * Published for every signal the daemon received, once the application is ready (a signal
 * received during start-up waits in the {@link SignalInbox} until then), before the work
 * it asks for.
 *
 * @author bootd authors
 */
public class DaemonSignalReceivedEvent extends DaemonOutcomeEvent {

	private final String signal;

	/**
	 * Create an event.
	 * @param source the signal worker
	 * @param signal the signal name without the SIG prefix, such as {@code HUP}
	 */
	public DaemonSignalReceivedEvent(Object source, String signal) {
		super(source);
		this.signal = signal;
	}

	public String getSignal() {
		return this.signal;
	}

	@Override
	public boolean isFailure() {
		return false;
	}

	/**
	 * Return the signal name: the daemon counts signals by name.
	 * @return the signal name
	 */
	@Override
	public String getSubject() {
		return this.signal;
	}

}
