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

package io.github.bootd.socket;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

import io.github.bootd.upgrade.Acceptors;

/**
 * Stops accepting on an inherited listening socket before Spring Boot's graceful
 * shutdown, and lets the connections already accepted finish. The socket outlives this
 * JVM (systemd holds it, or an upgrade's successor serves on it), so every connection
 * still in its queue is the next JVM's to answer; the graceful shutdown alone pauses the
 * server first, which answers requests on open connections with 503, and waits only for
 * requests already running, so a connection accepted but not yet read was closed
 * unanswered.
 *
 * @author bootd authors
 */
public final class InheritedSocketDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InheritedSocketDrain.class);

	/**
	 * A closed-loop client needs milliseconds; an idle keep-alive one is closed after.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final InheritedSocket socket;

	private final ObjectProvider<Acceptors> acceptors;

	private volatile boolean running;

	/**
	 * Create the drain.
	 * @param socket the inherited socket the web server serves on
	 * @param acceptors what stops the web server's accepting
	 */
	public InheritedSocketDrain(InheritedSocket socket, ObjectProvider<Acceptors> acceptors) {
		this.socket = socket;
		this.acceptors = acceptors;
	}

	/**
	 * Stopped right before the graceful shutdown (higher phases stop first).
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Acceptors acceptors = this.acceptors.getIfAvailable();
		if (acceptors == null) {
			return;
		}
		try {
			long open = acceptors.stopAndDrain(this.socket.port(), TIMEOUT);
			logger.info("Stopped accepting on the inherited socket " + this.socket + " for the next JVM; "
					+ ((open > 0) ? open + " connection(s) still open" : "no connection left open")
					+ " before the graceful shutdown");
		}
		catch (Exception ex) {
			logger.warn("Could not stop accepting on the inherited socket " + this.socket + " before the graceful"
					+ " shutdown: " + ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
