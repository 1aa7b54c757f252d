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
package io.github.bootd.sample;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A start-up that takes at least {@code sample.slow-start} (default: no delay), the way a
 * service that warms a cache or migrates a schema starts slowly, so that the tests can
 * act on a daemon that is still starting (signals during start-up, the launcher's
 * {@code daemon.startup-timeout}, systemd's start timeout) without depending on how fast
 * the machine is.
 *
 * @author bootd authors
 */
@Component
class SlowStart implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SlowStart.class);

	private final Duration delay;

	SlowStart(@Value("${sample.slow-start:0s}") Duration delay) {
		this.delay = delay;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.delay.isZero()) {
			// Tests wait for this line to know the daemon is inside its start-up
			logger.info("Slow start: waiting " + this.delay + " (sample.slow-start)");
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
