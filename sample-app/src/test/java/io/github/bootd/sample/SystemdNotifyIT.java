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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sd_notify(3) messages the packaged sample sends when systemd runs it, received on a
 * real datagram socket bound by the test, the way systemd receives them: in order, with
 * their fields.
 *
 * @author bootd authors
 */
class SystemdNotifyIT {

	/**
	 * {@code WATCHDOG_USEC}, realistic: systemd's own services use seconds to minutes.
	 */
	private static final Duration WATCHDOG = Duration.ofSeconds(6);

	/** Keep-alives checked after READY=1: a window of several intervals. */
	private static final int KEEP_ALIVES = 4;

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void runWhenNotifySocketSetShouldNotifyReadyReloadWatchdogAndStopping() throws Exception {
		// In the abstract namespace, given with '@' as systemd does
		String name = "bootd-notify-it-" + UUID.randomUUID();
		try (UnixDatagramChannel socket = UnixDatagramChannel.open(); SampleDaemon daemon = this.daemons.sample()) {
			socket.bind(new UnixSocketAddress("\0" + name));
			NotifyReceiver receiver = new NotifyReceiver(socket);
			receiver.start();
			ProcessBuilder builder = daemon.inForeground(daemon.command(List.of()));
			builder.environment().put("NOTIFY_SOCKET", "@" + name);
			// WatchdogSec=6s, as a unit would set it: a keep-alive is due every 3 s
			builder.environment().put("WATCHDOG_USEC", Long.toString(WATCHDOG.toNanos() / 1000));
			builder.environment().remove("WATCHDOG_PID");
			builder.environment().remove("INVOCATION_ID");
			Process process = builder.start();
			daemon.remember(process.pid());
			try {
				NotifyReceiver.Message readyMessage = receiver.nextMessage("READY=1");
				Map<String, String> ready = readyMessage.fields();
				assertThat(ready).containsKey("STATUS");
				assertThat(ready.get("STATUS")).startsWith("Ready in ");
				assertThat(process.isAlive()).as("systemd runs it in the foreground").isTrue();
				assertKeepAlivesAfter(receiver, readyMessage.receivedNanos());

				long beforeHup = System.nanoTime() / 1000;
				SampleDaemon.kill("HUP", process.pid());
				Map<String, String> reloading = receiver.next("RELOADING=1");
				long afterReloading = System.nanoTime() / 1000;
				// CLOCK_MONOTONIC in microseconds, taken after the signal was sent
				assertThat(Long.parseLong(reloading.get("MONOTONIC_USEC"))).isBetween(beforeHup, afterReloading);
				assertThat(reloading.get("STATUS")).isEqualTo("Reloading configuration (reload #1)");
				Map<String, String> reloaded = receiver.next("READY=1");
				// The files did not change: worded as the log and the reload action word
				// it
				assertThat(reloaded.get("STATUS")).isEqualTo("Reload #1 applied: no change");

				SampleDaemon.kill("TERM", process.pid());
				Map<String, String> stopping = receiver.next("STOPPING=1");
				assertThat(stopping.get("STATUS")).isEqualTo("Stopping");
				assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

				List<NotifyReceiver.Message> all = receiver.all();
				assertThat(all.stream()
					.map(NotifyReceiver.Message::first)
					.filter((first) -> !NotifyReceiver.isPeriodic(first))
					.toList()).as("the notifications in order")
					.containsExactly("READY=1", "RELOADING=1", "READY=1", "STOPPING=1");
				// Requests for more start-up time (docs/systemd.md) only while starting
				assertThat(all.stream()
					.filter((message) -> message.first().startsWith("EXTEND_TIMEOUT_USEC="))
					.map(NotifyReceiver.Message::receivedNanos))
					.as("EXTEND_TIMEOUT_USEC only before READY=1, all: %s", all)
					.allMatch((nanos) -> nanos < readyMessage.receivedNanos());
			}
			finally {
				process.destroyForcibly();
				receiver.interrupt();
			}
		}
	}

	/**
	 * The watchdog protocol of sd_watchdog_enabled(3), measured once the service is ready
	 * (a JVM that is still starting is slow for reasons of its own): a keep-alive every
	 * half {@code WATCHDOG_USEC}, so that none is ever missing from a window of
	 * {@code WATCHDOG_USEC}, for several intervals in a row. The bounds are generous (a
	 * loaded machine delays a sleeping thread); what they catch is a keep-alive sent at
	 * the full interval (what systemd would kill the service for) or not at all, or a
	 * flood.
	 */
	private static void assertKeepAlivesAfter(NotifyReceiver receiver, long readyNanos) {
		List<Long> keepAlives = receiver.awaitKeepAlivesAfter(readyNanos, KEEP_ALIVES,
				WATCHDOG.multipliedBy(KEEP_ALIVES + 2));
		// On average, where each interval's lateness and the receiver's delays even out
		Duration mean = Duration.ofNanos((keepAlives.get(KEEP_ALIVES - 1) - keepAlives.get(0)) / (KEEP_ALIVES - 1));
		assertThat(mean).as("mean gap between keep-alives, half WATCHDOG_USEC; all: %s", keepAlives)
			.isBetween(WATCHDOG.dividedBy(4), WATCHDOG.multipliedBy(3).dividedBy(4));
		// Each: within WATCHDOG_USEC of the one before (systemd's kill condition)
		long previous = readyNanos;
		for (int i = 0; i < keepAlives.size(); i++) {
			Duration gap = Duration.ofNanos(keepAlives.get(i) - previous);
			assertThat(gap).as("gap before keep-alive %d after READY=1, all: %s", i + 1, keepAlives)
				.isLessThan(WATCHDOG);
			if (i > 0) {
				// Never a flood
				assertThat(gap).as("gap before keep-alive %d after READY=1, all: %s", i + 1, keepAlives)
					.isGreaterThanOrEqualTo(WATCHDOG.dividedBy(4));
			}
			previous = keepAlives.get(i);
		}
	}

}
