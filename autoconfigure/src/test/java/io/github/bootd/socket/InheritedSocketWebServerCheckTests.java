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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Test;

import org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link InheritedSocketWebServerCheck}.
 *
 * @author bootd authors
 */
class InheritedSocketWebServerCheckTests {

	@Test
	void customizeWhenTomcatShouldLetItStart() throws Exception {
		try (ServerSocketChannel channel = listening()) {
			InheritedSocketWebServerCheck check = new InheritedSocketWebServerCheck(socket(channel));
			assertThatNoException().isThrownBy(() -> check.customize(new TomcatServletWebServerFactory()));
			assertThatNoException().isThrownBy(() -> check.customize(new TomcatReactiveWebServerFactory()));
			assertThatNoException().isThrownBy(() -> check.customize(new TomcatServletWebServerFactory() {
			}));
		}
	}

	@Test
	void customizeWhenJettyShouldLetItStart() throws Exception {
		try (ServerSocketChannel channel = listening()) {
			InheritedSocketWebServerCheck check = new InheritedSocketWebServerCheck(socket(channel));
			assertThatNoException().isThrownBy(() -> check.customize(new JettyServletWebServerFactory()));
			assertThatNoException().isThrownBy(() -> check.customize(new JettyReactiveWebServerFactory()));
			assertThatNoException().isThrownBy(() -> check.customize(new JettyServletWebServerFactory() {
			}));
		}
	}

	@Test
	void customizeWhenAnotherWebServerShouldFailTheStartNamingItAndTheSocket() throws Exception {
		try (ServerSocketChannel channel = listening()) {
			InheritedSocket socket = socket(channel);
			InheritedSocketWebServerCheck check = new InheritedSocketWebServerCheck(socket);
			// Stands for Reactor Netty's factory, which is not a dependency
			AbstractConfigurableWebServerFactory other = new AbstractConfigurableWebServerFactory() {
			};
			assertThatIllegalStateException().isThrownBy(() -> check.customize(other))
				.withMessageContaining(socket.toString())
				.withMessageContaining(other.getClass().getName())
				.withMessageContaining("is neither Tomcat nor Jetty")
				.withMessageContaining("bind server.port");
		}
	}

	private static ServerSocketChannel listening() throws Exception {
		return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	private static InheritedSocket socket(ServerSocketChannel channel) throws Exception {
		return InheritedSocket.of(channel, (InetSocketAddress) channel.getLocalAddress());
	}

}
