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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jnr.unixsocket.UnixDatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Reads sd_notify(3) datagrams off a socket a test bound, as they come, so that none is
 * dropped while the test waits for another; parses each as systemd does, one
 * {@code KEY=value} per line.
 *
 * @author bootd authors
 */
final class NotifyReceiver extends Thread {

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(120);

	private final UnixDatagramChannel socket;

	private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();

	private final List<Message> all = new ArrayList<>();

	NotifyReceiver(UnixDatagramChannel socket) {
		this.socket = socket;
		setDaemon(true);
	}

	/**
	 * Whether a notification is one of those sent on a timer, keep-alives and requests
	 * for more start-up time, rather than one that marks a change of state.
	 * @param first the notification's first line
	 * @return whether it is periodic
	 */
	static boolean isPeriodic(String first) {
		return first.equals("WATCHDOG=1") || first.startsWith("EXTEND_TIMEOUT_USEC=");
	}

	@Override
	public void run() {
		ByteBuffer buffer = ByteBuffer.allocate(65536);
		try {
			while (!isInterrupted()) {
				buffer.clear();
				this.socket.receive(buffer);
				buffer.flip();
				String text = StandardCharsets.UTF_8.decode(buffer).toString();
				Map<String, String> fields = new LinkedHashMap<>();
				for (String line : text.split("\n")) {
					int equals = line.indexOf('=');
					// A line that is no assignment is kept whole, so that a test sees it
					fields.put((equals > 0) ? line.substring(0, equals) : line,
							(equals > 0) ? line.substring(equals + 1) : "");
				}
				Message message = new Message(System.nanoTime(), fields, text.split("\n")[0]);
				synchronized (this.all) {
					this.all.add(message);
				}
				this.queue.add(message);
			}
		}
		catch (IOException ex) {
			// Closed at the end of the test
		}
	}

	/**
	 * The next notification that is not {@link #isPeriodic(String) periodic}, whatever it
	 * says.
	 * @return its fields
	 * @throws InterruptedException if interrupted while waiting
	 */
	Map<String, String> next() throws InterruptedException {
		return nextMessage(null).fields();
	}

	/**
	 * The next notification that is not periodic, which must start with the given line.
	 * @param first the expected first line
	 * @return its fields
	 * @throws InterruptedException if interrupted while waiting
	 */
	Map<String, String> next(String first) throws InterruptedException {
		return nextMessage(first).fields();
	}

	/**
	 * The next notification that is not periodic, which must start with the given line
	 * unless that is {@code null}.
	 * @param first the expected first line, or {@code null} for any
	 * @return the notification
	 * @throws InterruptedException if interrupted while waiting
	 */
	Message nextMessage(@org.jspecify.annotations.Nullable String first) throws InterruptedException {
		long deadline = System.nanoTime() + RECEIVE_TIMEOUT.toNanos();
		while (true) {
			Message message = this.queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (message == null) {
				fail("No " + ((first != null) ? first : "notification") + " within " + RECEIVE_TIMEOUT + "; received "
						+ all());
			}
			if (!isPeriodic(message.first())) {
				if (first != null) {
					assertThat(message.first()).as("next notification, all: %s", all()).isEqualTo(first);
				}
				return message;
			}
		}
	}

	/**
	 * Wait for a number of keep-alives received after a moment.
	 * @param nanos the moment, from {@link System#nanoTime()}
	 * @param count how many
	 * @param timeout the bound
	 * @return when each was received
	 */
	List<Long> awaitKeepAlivesAfter(long nanos, int count, Duration timeout) {
		List<Long> keepAlives = new ArrayList<>();
		boolean received = SampleDaemon.await(() -> {
			keepAlives.clear();
			all().stream()
				.filter((message) -> message.first().equals("WATCHDOG=1") && message.receivedNanos() > nanos)
				.map(Message::receivedNanos)
				.limit(count)
				.forEach(keepAlives::add);
			return keepAlives.size() == count;
		}, timeout);
		assertThat(received).as("%d keep-alives within %s after READY=1; received %s", count, timeout, all()).isTrue();
		return keepAlives;
	}

	List<Message> all() {
		synchronized (this.all) {
			return List.copyOf(this.all);
		}
	}

	/**
	 * One datagram as systemd would parse it.
	 *
	 * @param receivedNanos when it was received, from {@link System#nanoTime()}
	 * @param fields its assignments, in order
	 * @param first its first line
	 */
	record Message(long receivedNanos, Map<String, String> fields, String first) {

	}

}
