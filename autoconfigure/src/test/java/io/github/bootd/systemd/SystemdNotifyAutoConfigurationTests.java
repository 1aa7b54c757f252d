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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bootd.autoconfigure.SystemdNotifyAutoConfiguration;

/**
 * Tests for {@link SystemdNotifyAutoConfiguration}, {@link NotifySocket} and
 * {@link SystemdWatchdog}.
 *
 * @author bootd authors
 */
class SystemdNotifyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SystemdNotifyAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void runWhenNotifySocketSetShouldNotify() {
		this.contextRunner
			.withPropertyValues("daemon.enabled=true", "NOTIFY_SOCKET=" + this.directory.resolve("notify"))
			.run((context) -> {
				assertThat(context).hasSingleBean(SystemdNotifier.class);
				assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
			});
	}

	@Test
	void runWhenNoNotifySocketShouldBackOff() {
		this.contextRunner.withPropertyValues("daemon.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(NotifySocket.class));
	}

	@Test
	void runWhenDaemonDisabledShouldBackOff() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + this.directory.resolve("notify"))
			.run((context) -> assertThat(context).doesNotHaveBean(NotifySocket.class));
	}

	@Test
	void runWhenJnrUnixSocketMissingShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(UnixDatagramChannel.class))
			.withPropertyValues("daemon.enabled=true", "NOTIFY_SOCKET=" + this.directory.resolve("notify"))
			.run((context) -> assertThat(context).doesNotHaveBean(NotifySocket.class));
	}

	@Test
	void runWhenWatchdogForThisProcessShouldPingAtHalfTheInterval() {
		this.contextRunner
			.withPropertyValues("daemon.enabled=true", "NOTIFY_SOCKET=" + this.directory.resolve("notify"),
					"WATCHDOG_USEC=30000000", "WATCHDOG_PID=" + ProcessHandle.current().pid())
			.run((context) -> assertThat(context.getBean(SystemdWatchdog.class).getInterval())
				.isEqualTo(Duration.ofSeconds(15)));
	}

	@Test
	void runWhenWatchdogForAnotherProcessShouldNotPing() {
		this.contextRunner
			.withPropertyValues("daemon.enabled=true", "NOTIFY_SOCKET=" + this.directory.resolve("notify"),
					"WATCHDOG_USEC=30000000", "WATCHDOG_PID=1")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdWatchdog.class));
	}

	@Test
	void intervalShouldReadMicroseconds() {
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "1000000"), 42)).isEqualTo(Duration.ofMillis(500));
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "0"), 42)).isNull();
		assertThat(SystemdWatchdog.interval(Map.of("WATCHDOG_USEC", "soon"), 42)).isNull();
		assertThat(SystemdWatchdog.interval(Map.of(), 42)).isNull();
	}

	@Test
	void pathShouldMapLeadingAtToAbstractNamespace() {
		assertThat(NotifySocket.path("@/org/freedesktop/systemd1/notify"))
			.isEqualTo("\0/org/freedesktop/systemd1/notify");
		assertThat(NotifySocket.path("/run/systemd/notify")).isEqualTo("/run/systemd/notify");
	}

	@Test
	void sendShouldDeliverOneDatagramToAPathSocket() throws Exception {
		Path path = this.directory.resolve("notify");
		try (UnixDatagramChannel receiver = UnixDatagramChannel.open(); NotifySocket socket = bound(receiver, path)) {
			assertThat(socket.send("READY=1\nSTATUS=Ready")).isTrue();
			ByteBuffer buffer = ByteBuffer.allocate(256);
			receiver.receive(buffer);
			buffer.flip();
			assertThat(StandardCharsets.UTF_8.decode(buffer).toString()).isEqualTo("READY=1\nSTATUS=Ready");
		}
	}

	@Test
	void sendWhenNobodyListensShouldReturnFalseNotThrow() throws Exception {
		try (NotifySocket socket = NotifySocket.open(this.directory.resolve("absent").toString())) {
			assertThat(socket.send("READY=1")).isFalse();
		}
	}

	@Test
	void handOverShouldSayWhoServesAndThenSendNothingButTheWatchdog() throws Exception {
		Path path = this.directory.resolve("notify");
		try (UnixDatagramChannel receiver = UnixDatagramChannel.open(); NotifySocket socket = bound(receiver, path)) {
			assertThat(socket.handOver("Upgraded: pid 4242 serves\nsecond line")).isTrue();
			assertThat(receive(receiver)).isEqualTo("STATUS=Upgraded: pid 4242 serves second line");
			// This process' STOPPING=1 would read as the service's; it is alive until it
			// exits
			assertThat(socket.send("STOPPING=1\nSTATUS=Stopping")).isFalse();
			assertThat(socket.send("WATCHDOG=1")).isTrue();
			assertThat(receive(receiver)).isEqualTo("WATCHDOG=1");
		}
	}

	@Test
	void handOverWhenNobodyListensShouldReturnFalseAndStillSayNothingMore() throws Exception {
		Path path = this.directory.resolve("notify");
		try (NotifySocket socket = NotifySocket.open(path.toString());
				UnixDatagramChannel receiver = UnixDatagramChannel.open()) {
			assertThat(socket.handOver("Upgraded")).isFalse();
			receiver.bind(new UnixSocketAddress(path.toFile()));
			assertThat(socket.send("STOPPING=1")).isFalse();
		}
	}

	private static String receive(UnixDatagramChannel receiver) throws Exception {
		ByteBuffer buffer = ByteBuffer.allocate(256);
		receiver.receive(buffer);
		buffer.flip();
		return StandardCharsets.UTF_8.decode(buffer).toString();
	}

	private static NotifySocket bound(UnixDatagramChannel receiver, Path path) throws Exception {
		receiver.bind(new UnixSocketAddress(path.toFile()));
		return NotifySocket.open(path.toString());
	}

}
