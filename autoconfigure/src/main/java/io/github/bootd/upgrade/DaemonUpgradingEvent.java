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

import org.springframework.context.ApplicationEvent;

/**
 * Published when an upgrade began, and again once its successor's pid is known, so that
 * the status action can say "upgrading" with both pids.
 *
 * @author bootd authors
 */
public class DaemonUpgradingEvent extends ApplicationEvent {

	private final long successor;

	/**
	 * Create the event.
	 * @param source the upgrader
	 * @param successor the successor's pid, 0 before it runs
	 */
	public DaemonUpgradingEvent(Object source, long successor) {
		super(source);
		this.successor = successor;
	}

	/**
	 * Return the successor's pid.
	 * @return its pid, 0 before it runs
	 */
	public long getSuccessor() {
		return this.successor;
	}

}
