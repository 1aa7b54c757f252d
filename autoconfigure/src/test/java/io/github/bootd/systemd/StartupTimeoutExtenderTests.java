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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StartupTimeoutExtender}.
 *
 * @author bootd authors
 */
class StartupTimeoutExtenderTests {

	private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

	@TempDir
	Path directory;

	@Test
	void messageWhenFarFromTheDeadlineShouldAskForThreePeriods() {
		StartupTimeoutExtender extender = new StartupTimeoutExtender(null, NOW.plusSeconds(60), Clock.systemUTC());
		assertThat(extender.message(NOW)).isEqualTo("EXTEND_TIMEOUT_USEC=15000000");
		assertThat(StartupTimeoutExtender.EXTENSION).isEqualTo(StartupTimeoutExtender.PERIOD.multipliedBy(3));
	}

	@Test
	void messageWhenNearTheDeadlineShouldAskOnlyForWhatIsLeft() {
		StartupTimeoutExtender extender = new StartupTimeoutExtender(null, NOW.plusSeconds(60), Clock.systemUTC());
		assertThat(extender.message(NOW.plusSeconds(56).plusMillis(500))).isEqualTo("EXTEND_TIMEOUT_USEC=3500000");
	}

	@Test
	void messageWhenTheDeadlineHasPassedShouldBeNull() {
		StartupTimeoutExtender extender = new StartupTimeoutExtender(null, NOW.plusSeconds(60), Clock.systemUTC());
		assertThat(extender.message(NOW.plusSeconds(60))).isNull();
		assertThat(extender.message(NOW.plusSeconds(61))).isNull();
	}

	@Test
	void startShouldAskUntilStoppedAndNeverAfter() throws Exception {
		Path path = this.directory.resolve("notify");
		try (UnixDatagramChannel receiver = UnixDatagramChannel.open(); NotifySocket socket = bound(receiver, path)) {
			StartupTimeoutExtender extender = new StartupTimeoutExtender(socket, Instant.now().plusSeconds(600),
					Clock.systemUTC());
			extender.start();
			assertThat(receive(receiver)).isEqualTo("EXTEND_TIMEOUT_USEC=15000000");
			extender.stop();
			assertThat(await(() -> !extender.isRunning())).isTrue();
			// The thread has ended: whatever is queued was sent before stop() returned
			queued(receiver);
			extender.start();
			assertThat(extender.isRunning()).isFalse();
		}
	}

	@Test
	void startShouldStopAskingAtTheDeadline() throws Exception {
		Path path = this.directory.resolve("notify");
		MutableClock clock = new MutableClock(NOW);
		try (UnixDatagramChannel receiver = UnixDatagramChannel.open(); NotifySocket socket = bound(receiver, path)) {
			StartupTimeoutExtender extender = new StartupTimeoutExtender(socket, NOW.plusSeconds(2), clock);
			extender.start();
			assertThat(receive(receiver)).isEqualTo("EXTEND_TIMEOUT_USEC=2000000");
			clock.now = NOW.plusSeconds(2);
			// The thread ends on its own at its next turn, one period later, without
			// sending
			assertThat(await(() -> !extender.isRunning())).isTrue();
			assertThat(queued(receiver)).isEmpty();
		}
	}

	private static NotifySocket bound(UnixDatagramChannel receiver, Path path) throws Exception {
		receiver.bind(new UnixSocketAddress(path.toFile()));
		// A receive that waits for a message that never comes fails the test, not hangs
		// it
		receiver.setOption(UnixSocketOptions.SO_RCVTIMEO, 30_000);
		return NotifySocket.open(path.toString());
	}

	private static String receive(UnixDatagramChannel receiver) throws Exception {
		ByteBuffer buffer = ByteBuffer.allocate(256);
		receiver.receive(buffer);
		buffer.flip();
		return StandardCharsets.UTF_8.decode(buffer).toString();
	}

	/**
	 * The messages already queued on the socket: jnr reports an empty queue as EAGAIN
	 * once the receive timeout has passed.
	 */
	private static List<String> queued(UnixDatagramChannel receiver) throws Exception {
		receiver.setOption(UnixSocketOptions.SO_RCVTIMEO, 100);
		List<String> messages = new ArrayList<>();
		try {
			while (true) {
				messages.add(receive(receiver));
			}
		}
		catch (IOException ex) {
			return messages;
		}
	}

	private static boolean await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	static final class MutableClock extends Clock {

		volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
