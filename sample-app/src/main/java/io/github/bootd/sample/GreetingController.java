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

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers with the configured greeting.
 *
 * @author bootd authors
 */
@RestController
class GreetingController {

	private static final Log logger = LogFactory.getLog(GreetingController.class);

	private final AtomicLong served = new AtomicLong();

	private final GreetingProperties properties;

	GreetingController(GreetingProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/greeting")
	String greeting() {
		// Numbered, so that the log rotation tests can tell a lost or duplicated line
		logger.debug("Greeting " + this.served.incrementAndGet());
		return this.properties.getMessage();
	}

}
