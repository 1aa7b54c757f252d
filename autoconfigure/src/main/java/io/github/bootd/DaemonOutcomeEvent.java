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

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published once for each thing the daemon did when asked: a configuration reload, a
 * reopen of the log files, a signal received. Whoever reports it ({@link DaemonActivity},
 * the metrics, systemd, the state file) listens, so that the feature doing the work needs
 * to know none of them. Each kind is a subclass in the package of the feature that
 * publishes it.
 *
 * @author bootd authors
 */
public abstract class DaemonOutcomeEvent extends ApplicationEvent {

	protected DaemonOutcomeEvent(Object source) {
		super(source);
	}

	/**
	 * Return whether the daemon could not do what was asked.
	 * @return whether this outcome is a failure
	 */
	public abstract boolean isFailure();

	/**
	 * Return what the outcome is about, when one kind of outcome has several, such as the
	 * name of the signal received.
	 * @return the subject, or {@code null}
	 */
	public @Nullable String getSubject() {
		return null;
	}

}
