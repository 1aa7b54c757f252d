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
package io.github.bootd.systemd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Asks systemd for more start-up time ({@code EXTEND_TIMEOUT_USEC=}, sd_notify(3)) while
 * the application is still starting, so that a start slower than the unit's
 * {@code TimeoutStartSec=} is not killed while the JVM is alive, and never beyond a
 * deadline ({@code daemon.startup-timeout} after the JVM started): from then on no
 * extension is asked for, and systemd's own timeout applies again.
 * <p>
 * systemd counts each extension from the moment it receives it and only acts on it once
 * the start has outlasted {@code TimeoutStartSec=}: a service that stops asking is timed
 * out when its last extension runs out. Each message asks for {@link #EXTENSION}, three
 * times the {@link #PERIOD} they are sent at, so that a GC pause or a loaded machine does
 * not miss one; the last one asks only for what is left until the deadline.
 * <p>
 * Like the watchdog, the messages come from their own thread: they prove that the JVM
 * runs, not that the start-up makes progress.
 *
 * @author bootd authors
 */
final class StartupTimeoutExtender {

	/** How often an extension is asked for. */
	static final Duration PERIOD = Duration.ofSeconds(5);

	/** How much more time each message asks for. */
	static final Duration EXTENSION = PERIOD.multipliedBy(3);

	private final NotifySocket socket;

	private final Instant deadline;

	private final Clock clock;

	private final Object lock = new Object();

	private boolean stopped;

	private @Nullable Thread thread;

	StartupTimeoutExtender(NotifySocket socket, Instant deadline, Clock clock) {
		this.socket = socket;
		this.deadline = deadline;
		this.clock = clock;
	}

	/**
	 * The message to send now.
	 * @param now the current time
	 * @return {@code EXTEND_TIMEOUT_USEC=} with {@link #EXTENSION}, or what is left until
	 * the deadline when that is less, or {@code null} once the deadline has passed
	 */
	@Nullable String message(Instant now) {
		Duration left = Duration.between(now, this.deadline);
		if (left.isNegative() || left.isZero()) {
			return null;
		}
		Duration extension = (left.compareTo(EXTENSION) < 0) ? left : EXTENSION;
		return "EXTEND_TIMEOUT_USEC=" + extension.toNanos() / 1000;
	}

	/**
	 * Start asking, from a thread of its own.
	 */
	void start() {
		Thread thread = new Thread(this::run, "bootd-systemd-extend-timeout");
		thread.setDaemon(true);
		synchronized (this.lock) {
			if (this.stopped || this.thread != null) {
				return;
			}
			this.thread = thread;
		}
		thread.start();
	}

	private void run() {
		try {
			while (true) {
				synchronized (this.lock) {
					String message = this.stopped ? null : message(this.clock.instant());
					if (message == null) {
						return;
					}
					this.socket.send(message);
				}
				Thread.sleep(PERIOD.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the thread that asks is still alive.
	 * @return whether extensions may still be sent
	 */
	boolean isRunning() {
		Thread thread;
		synchronized (this.lock) {
			thread = this.thread;
		}
		return thread != null && thread.isAlive();
	}

	/**
	 * Stop asking: once this returns, no further extension is sent, so none follows the
	 * {@code READY=1} that ends the start.
	 */
	void stop() {
		Thread thread;
		synchronized (this.lock) {
			this.stopped = true;
			thread = this.thread;
		}
		if (thread != null) {
			thread.interrupt();
		}
	}

}
