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

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Sends {@code WATCHDOG=1} every half of {@code $WATCHDOG_USEC} when systemd's watchdog
 * is on for this process ({@code WatchdogSec=}): sd_watchdog_enabled(3) asks for a
 * keep-alive at least that often, and only from the process {@code $WATCHDOG_PID} names,
 * when it is set.
 * <p>
 * The keep-alive comes from its own thread, so it proves that the JVM runs and is not
 * frozen (stopped, swapped out, stuck in a GC spiral), not that every request is served;
 * pair it with a health check for that.
 *
 * @author bootd authors
 */
public final class SystemdWatchdog implements InitializingBean, DisposableBean {

	private final NotifySocket socket;

	private final Duration interval;

	private volatile @Nullable Thread thread;

	public SystemdWatchdog(NotifySocket socket, Duration interval) {
		this.socket = socket;
		this.interval = interval;
	}

	/**
	 * Return how often to send keep-alives, if systemd watches this process.
	 * @param environment the process environment
	 * @param pid this process' id
	 * @return half of {@code WATCHDOG_USEC}, or {@code null} when the watchdog is off or
	 * meant for another process
	 */
	public static @Nullable Duration interval(Map<String, String> environment, long pid) {
		String usec = environment.get("WATCHDOG_USEC");
		if (usec == null || usec.isBlank()) {
			return null;
		}
		String watchdogPid = environment.get("WATCHDOG_PID");
		try {
			if (watchdogPid != null && !watchdogPid.isBlank() && Long.parseLong(watchdogPid.trim()) != pid) {
				return null;
			}
			long micros = Long.parseLong(usec.trim());
			// Microseconds, not milliseconds
			return (micros > 0) ? Duration.ofNanos(micros * 1000 / 2) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public Duration getInterval() {
		return this.interval;
	}

	@Override
	public void afterPropertiesSet() {
		Thread thread = new Thread(this::run, "bootd-systemd-watchdog");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	private void run() {
		try {
			while (this.thread == Thread.currentThread()) {
				this.socket.send("WATCHDOG=1");
				Thread.sleep(this.interval.toMillis(), (int) (this.interval.toNanos() % 1_000_000));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		Thread thread = this.thread;
		this.thread = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

}
