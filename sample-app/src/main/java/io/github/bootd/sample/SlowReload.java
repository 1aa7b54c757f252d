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

import io.github.bootd.reload.DaemonReloadingEvent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * A reload that takes at least {@code sample.slow-reload} (default: no delay), the way a
 * listener that re-opens a connection pool makes a real reload slow, so that the tests
 * can signal a daemon while a reload is in progress (a HUP storm, a stop) without
 * depending on how fast the machine is.
 *
 * @author bootd authors
 */
@Component
class SlowReload implements ApplicationListener<DaemonReloadingEvent> {

	private static final Log logger = LogFactory.getLog(SlowReload.class);

	private final Duration delay;

	SlowReload(@Value("${sample.slow-reload:0s}") Duration delay) {
		this.delay = delay;
	}

	@Override
	public void onApplicationEvent(DaemonReloadingEvent event) {
		if (!this.delay.isZero()) {
			// Tests wait for this line to know a reload is in progress
			logger.info("Slow reload " + event.getGeneration() + ": waiting " + this.delay + " (sample.slow-reload)");
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
