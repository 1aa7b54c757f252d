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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A reload that the packaged sample rejects, seen from systemd's side of the notify
 * socket: {@code RELOADING=1}, then {@code READY=1} with a one-line
 * {@code STATUS=Reload #N rejected, running configuration kept: <reason>}, because under
 * {@code Type=notify-reload} systemd waits for that {@code READY=1} to end the reload,
 * and the service runs on with its previous configuration (docs/systemd.md).
 *
 * @author bootd authors
 */
class SystemdRejectedReloadIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void reloadWhenRejectedUnderSystemdShouldNotifyReadyWithTheReasonAndKeepServing() throws Exception {
		// In the abstract namespace, given with '@' as systemd does
		String name = "bootd-rejected-reload-it-" + UUID.randomUUID();
		try (UnixDatagramChannel socket = UnixDatagramChannel.open(); SampleDaemon daemon = this.daemons.sample()) {
			socket.bind(new UnixSocketAddress("\0" + name));
			NotifyReceiver receiver = new NotifyReceiver(socket);
			receiver.start();
			writeMessage("first");
			ProcessBuilder builder = daemon.inForeground(daemon.command(List.of()));
			builder.environment().put("NOTIFY_SOCKET", "@" + name);
			builder.environment().remove("WATCHDOG_USEC");
			builder.environment().remove("INVOCATION_ID");
			Process process = builder.start();
			daemon.remember(process.pid());
			try {
				assertThat(receiver.next().get("READY")).isEqualTo("1");

				// A @Validated constraint (@NotBlank) fails: the whole reload is refused
				writeMessage("''");
				SampleDaemon.kill("HUP", process.pid());
				assertThat(receiver.next()).containsEntry("RELOADING", "1");
				Map<String, String> rejected = receiver.next();
				assertThat(rejected.keySet()).as("the datagram's assignments").containsExactly("READY", "STATUS");
				assertThat(rejected.get("READY")).isEqualTo("1");
				assertThat(rejected.get("STATUS")).startsWith("Reload #1 rejected, running configuration kept: ")
					.contains("sample.greeting.message")
					.contains("must not be blank");
				assertThat(process.isAlive()).as("a rejected reload leaves the service running").isTrue();
				assertThat(daemon.get("/greeting").body()).isEqualTo("first");

				// A YAML syntax error: the parser's message spans lines, but one newline
				// in a datagram starts a new assignment, which systemd would read as
				// garbage
				Files.writeString(config(), "sample:\n  greeting:\n    message: second\n   broken: [\n");
				SampleDaemon.kill("HUP", process.pid());
				assertThat(receiver.next()).containsEntry("RELOADING", "1");
				Map<String, String> unparsable = receiver.next();
				assertThat(unparsable.keySet()).as("the datagram's assignments").containsExactly("READY", "STATUS");
				assertThat(unparsable.get("STATUS")).startsWith("Reload #2 rejected, running configuration kept: ")
					.contains("application.yml");
				assertThat(daemon.get("/greeting").body()).isEqualTo("first");

				// The service still reloads: READY=1 really ended the rejected ones
				writeMessage("third");
				SampleDaemon.kill("HUP", process.pid());
				assertThat(receiver.next()).containsEntry("RELOADING", "1");
				assertThat(receiver.next().get("STATUS")).startsWith("Reload #3 applied");
				assertThat(daemon.get("/greeting").body()).isEqualTo("third");
			}
			finally {
				process.destroyForcibly();
				process.waitFor(60, TimeUnit.SECONDS);
				receiver.interrupt();
			}
		}
	}

	private Path config() {
		return this.directory.resolve("application.yml");
	}

	private void writeMessage(String message) throws IOException {
		Files.writeString(config(), "sample:\n  greeting:\n    message: " + message + "\n");
	}

}
