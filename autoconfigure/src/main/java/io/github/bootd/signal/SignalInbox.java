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

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Where signal handlers leave their requests for the worker that carries them out.
 * <p>
 * Requests are flags, not a queue: standard Unix signals are not queued either (a signal
 * that arrives while one of its kind is pending is merged, POSIX.1-2017 2.4.1), and a
 * reload always re-reads the newest files, so any number of HUPs received while a reload
 * runs is satisfied by one more reload. Requests received before the application context
 * is ready stay here until the worker starts; none is dropped. The signals themselves are
 * passed on by name, one entry each, and counted where the worker's events are heard
 * ({@code DaemonActivity}), the one place that counts them.
 *
 * @author bootd authors
 */
public final class SignalInbox {

	private final AtomicBoolean reload = new AtomicBoolean();

	private final AtomicBoolean reopen = new AtomicBoolean();

	private final AtomicBoolean upgrade = new AtomicBoolean();

	private final Queue<String> received = new ConcurrentLinkedQueue<>();

	private final Semaphore wake = new Semaphore(0);

	/**
	 * Record a received signal and the work it asks for. Cheap and non-blocking: it runs
	 * on the thread the JVM starts for each signal.
	 * @param name the signal name, such as {@code HUP}
	 * @param request the work the signal asks for
	 */
	public void receive(String name, Request request) {
		this.received.add(name);
		if (request == Request.RELOAD) {
			this.reload.set(true);
		}
		else if (request == Request.REOPEN_LOGS) {
			this.reopen.set(true);
		}
		else if (request == Request.UPGRADE) {
			this.upgrade.set(true);
		}
		this.wake.release();
	}

	/**
	 * Wait for requests and take them all.
	 * @param timeout how long to wait at most
	 * @param unit the unit of the timeout
	 * @return the pending work, or {@code null} if nothing arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable Work take(long timeout, TimeUnit unit) throws InterruptedException {
		if (!this.wake.tryAcquire(timeout, unit)) {
			return null;
		}
		this.wake.drainPermits();
		// Taken in this order so that a HUP arriving in between is never lost: at worst
		// it causes one more (cheap, idempotent) reload
		boolean reload = this.reload.getAndSet(false);
		boolean reopen = this.reopen.getAndSet(false) || reload;
		return new Work(reload, reopen, this.upgrade.getAndSet(false), drainReceived());
	}

	/**
	 * Wake a waiting {@link #take} without a request, so that the worker can stop.
	 */
	void wake() {
		this.wake.release();
	}

	private List<String> drainReceived() {
		List<String> taken = new ArrayList<>();
		for (String name = this.received.poll(); name != null; name = this.received.poll()) {
			taken.add(name);
		}
		return taken;
	}

	/**
	 * What a signal asks for.
	 */
	public enum Request {

		/** Reload the configuration, then reopen the log files (HUP). */
		RELOAD,

		/** Reopen the log files (USR1). */
		REOPEN_LOGS,

		/** Start a successor and hand it the listening socket and the pid file (USR2). */
		UPGRADE,

		/** Nothing: the signal is only counted (USR2). */
		NONE

	}

	/**
	 * The work taken from the inbox in one go.
	 *
	 * @param reload whether to reload the configuration
	 * @param reopenLogs whether to reopen the log files (after the reload, if any)
	 * @param upgrade whether to start a successor (USR2)
	 * @param received the signals that arrived since the last take, in order, by name
	 */
	public record Work(boolean reload, boolean reopenLogs, boolean upgrade, List<String> received) {

	}

}
