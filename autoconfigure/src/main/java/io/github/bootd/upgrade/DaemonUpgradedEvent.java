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

import io.github.bootd.DaemonOutcomeEvent;

/**
 * Published when an upgrade ended: in the instance that failed to hand over (it serves
 * on), and in a successor once it holds the pid file (the instance it succeeds exits).
 *
 * @author bootd authors
 */
public class DaemonUpgradedEvent extends DaemonOutcomeEvent {

	private final UpgradeResult result;

	private final long generation;

	/**
	 * Create the event.
	 * @param source the upgrader
	 * @param result the outcome
	 * @param generation how many upgrades led to the instance that serves now
	 */
	public DaemonUpgradedEvent(Object source, UpgradeResult result, long generation) {
		super(source);
		this.result = result;
		this.generation = generation;
	}

	/**
	 * Return how many upgrades led to the instance that serves now.
	 * @return the count
	 */
	public long getGeneration() {
		return this.generation;
	}

	/**
	 * Return the outcome.
	 * @return the outcome
	 */
	public UpgradeResult getResult() {
		return this.result;
	}

	@Override
	public boolean isFailure() {
		return !this.result.upgraded();
	}

}
