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

import org.springframework.context.ApplicationEvent;

/**
 * Published by the signal worker when the daemon received USR2, which asks it to start a
 * successor and hand it the listening socket (an upgrade).
 *
 * @author bootd authors
 */
public class DaemonUpgradeRequestedEvent extends ApplicationEvent {

	/**
	 * Create the event.
	 * @param source the signal worker
	 */
	public DaemonUpgradeRequestedEvent(Object source) {
		super(source);
	}

}
