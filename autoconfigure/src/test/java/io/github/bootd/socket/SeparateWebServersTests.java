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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SeparateWebServers}.
 *
 * @author bootd authors
 */
class SeparateWebServersTests {

	private final List<String> calls = new ArrayList<>();

	private final SeparateWebServers servers = new SeparateWebServers();

	@Test
	void releaseWhenOnlyTheMainServerRunsShouldStopNothing() {
		this.servers.onApplicationEvent(initialized(null, new Server("main", 8080)));
		assertThat(this.servers.release()).isEmpty();
		this.servers.takeBack();
		assertThat(this.calls).isEmpty();
	}

	@Test
	void releaseWhenAManagementServerRunsShouldStopItAndTakeBackShouldStartItAgain() {
		this.servers.onApplicationEvent(initialized(null, new Server("main", 8080)));
		this.servers.onApplicationEvent(initialized("management", new Server("management", 8081)));
		assertThat(this.servers.release()).containsExactly(8081);
		assertThat(this.calls).containsExactly("stop management");
		this.servers.takeBack();
		assertThat(this.calls).containsExactly("stop management", "start management");
		// Taken back once: a second take-back starts nothing
		this.servers.takeBack();
		assertThat(this.calls).hasSize(2);
	}

	@Test
	void takeBackWhenAPortCannotBeBoundAgainShouldThrow() {
		Server server = new Server("management", 8081);
		this.servers.onApplicationEvent(initialized("management", server));
		this.servers.release();
		server.startFailure = new IllegalStateException("Port 8081 is already in use");
		assertThatIllegalStateException().isThrownBy(this.servers::takeBack).withMessageContaining("8081");
	}

	private static WebServerInitializedEvent initialized(@Nullable String namespace, WebServer server) {
		Context context = new Context(namespace, server);
		return new WebServerInitializedEvent(server) {

			@Override
			public WebServerApplicationContext getApplicationContext() {
				return context;
			}

		};
	}

	private static final class Context extends GenericApplicationContext implements WebServerApplicationContext {

		private final @Nullable String namespace;

		private final WebServer server;

		Context(@Nullable String namespace, WebServer server) {
			this.namespace = namespace;
			this.server = server;
		}

		@Override
		public WebServer getWebServer() {
			return this.server;
		}

		@Override
		public @Nullable String getServerNamespace() {
			return this.namespace;
		}

	}

	private final class Server implements WebServer {

		private final String name;

		private final int port;

		private @Nullable RuntimeException startFailure;

		Server(String name, int port) {
			this.name = name;
			this.port = port;
		}

		@Override
		public void start() {
			if (this.startFailure != null) {
				throw this.startFailure;
			}
			SeparateWebServersTests.this.calls.add("start " + this.name);
		}

		@Override
		public void stop() {
			SeparateWebServersTests.this.calls.add("stop " + this.name);
		}

		@Override
		public int getPort() {
			return this.port;
		}

	}

}
