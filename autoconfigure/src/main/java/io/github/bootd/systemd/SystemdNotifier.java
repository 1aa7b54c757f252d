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
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.DurationText;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.DaemonReloadingEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * Tells systemd what the service is doing (sd_notify(3)): {@code READY=1} once it is
 * ready, {@code RELOADING=1} with {@code MONOTONIC_USEC=} when a reload begins and
 * {@code READY=1} when it ends (what {@code Type=notify-reload} waits for, systemd 253),
 * {@code STOPPING=1} when shutdown begins, each with a {@code STATUS=} line that
 * {@code systemctl status} shows.
 *
 * @author bootd authors
 */
public final class SystemdNotifier {

	private final NotifySocket socket;

	private final @Nullable DaemonRuntime runtime;

	/**
	 * Create a notifier.
	 * @param socket the socket systemd listens on
	 * @param runtime the daemon runtime, or {@code null} when bootd did not make this
	 * process a daemon
	 */
	public SystemdNotifier(NotifySocket socket, @Nullable DaemonRuntime runtime) {
		this.socket = socket;
		this.runtime = runtime;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		// Measured here: this event comes before the run listener that records readiness
		DaemonRuntime runtime = this.runtime;
		String status = (runtime != null)
				? "Ready in " + DurationText.seconds(Duration.between(runtime.getStartTime(), Instant.now())) : "Ready";
		this.socket.send("READY=1\nSTATUS=" + status);
	}

	@EventListener
	void onReloading(DaemonReloadingEvent event) {
		// systemd ignores a RELOADING=1 whose time is older than the reload it asked for.
		// CLOCK_MONOTONIC in microseconds: System.nanoTime() reads CLOCK_MONOTONIC on
		// Linux (HotSpot's os::javaTimeNanos), the same clock in every process
		long monotonicMicros = System.nanoTime() / 1000;
		this.socket.send("RELOADING=1\nMONOTONIC_USEC=" + monotonicMicros + "\nSTATUS=Reloading configuration (reload #"
				+ event.getGeneration() + ")");
	}

	@EventListener
	void onReloaded(DaemonReloadedEvent event) {
		ReloadResult result = event.getResult();
		String status = (result.outcome() == Outcome.APPLIED)
				? "Reload #" + result.generation() + " applied: " + result.summary()
				: "Reload #" + result.generation() + " rejected, running configuration kept: " + result.error();
		// READY=1 ends the reload either way: a rejected reload leaves the service
		// running
		this.socket.send("READY=1\nSTATUS=" + oneLine(status));
	}

	@EventListener
	void onClosed(ContextClosedEvent event) {
		// A child context (a separate management port) closes too: the service stops once
		if (event.getApplicationContext().getParent() == null) {
			this.socket.send("STOPPING=1\nSTATUS=Stopping");
		}
	}

	/** A newline would start a new assignment in the datagram. */
	private static String oneLine(String text) {
		return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
	}

}
