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

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A shutdown that hangs when {@code sample.block-shutdown=true}, the way a stuck
 * connection pool or a non-interruptible worker makes a real service hang, so that the
 * tests can see the stop action escalate to SIGKILL after {@code daemon.stop-timeout}.
 *
 * @author bootd authors
 */
@Component
class ShutdownBlocker implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ShutdownBlocker.class);

	/** Longer than any test waits, short enough to free a machine whose test died. */
	private static final Duration HANG = Duration.ofMinutes(10);

	private final boolean block;

	ShutdownBlocker(@Value("${sample.block-shutdown:false}") boolean block) {
		this.block = block;
	}

	@Override
	public void destroy() throws InterruptedException {
		if (this.block) {
			logger.info("Blocking shutdown (sample.block-shutdown=true)");
			Thread.sleep(HANG.toMillis());
		}
	}

}
