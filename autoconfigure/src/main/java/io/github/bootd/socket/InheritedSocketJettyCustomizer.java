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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Jetty's connectors serve on the {@link InheritedSocket inherited listening
 * socket} instead of binding {@code server.port}. Jetty's own
 * {@code ServerConnector.setInheritChannel} would serve on
 * {@link System#inheritedChannel()} itself, and Jetty closes that channel when the
 * connector shuts down, which points standard output and error at /dev/null (see
 * {@link InheritedChannelView}): each start of a connector is handed a view of the
 * channel instead, which Jetty may close. The port Jetty reports, and so
 * {@code local.server.port}, is the socket's.
 * <p>
 * No drain is needed before Spring Boot's graceful shutdown, as it is for Tomcat
 * ({@link InheritedSocketDrain}): Jetty's shutdown closes the view first, so that nothing
 * more is taken from the socket's queue (the next JVM's), serves the requests of the
 * connections it holds without answering 503, and tells each {@code Connection: close}
 * after its next response ({@code HttpConnection}, Jetty 12.1).
 *
 * @author bootd authors
 */
public final class InheritedSocketJettyCustomizer
		implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(InheritedSocketJettyCustomizer.class);

	private final InheritedSocket socket;

	public InheritedSocketJettyCustomizer(InheritedSocket socket) {
		this.socket = socket;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers(this::serveOnInheritedSocket);
	}

	private void serveOnInheritedSocket(Server server) {
		Connector[] all = server.getConnectors();
		List<ServerConnector> connectors = Arrays.stream(all)
			.filter(ServerConnector.class::isInstance)
			.map(ServerConnector.class::cast)
			.toList();
		if (connectors.isEmpty()) {
			throw new IllegalStateException("Standard input is the listening socket " + this.socket
					+ ", but Jetty has no ServerConnector to serve on it (its connectors: " + Arrays.toString(all)
					+ "): keep Spring Boot's ServerConnector, or start the service without a socket unit");
		}
		for (ServerConnector connector : connectors) {
			if (connector.getAcceptors() == 0) {
				// Jetty then registers the channel with its own selector, which only the
				// JDK's own channels can join
				throw new IllegalStateException("Standard input is the listening socket " + this.socket
						+ ", and Jetty's connector has no acceptor thread (server.jetty.threads.acceptors=0),"
						+ " which bootd cannot serve the socket with: set server.jetty.threads.acceptors to 1"
						+ " or more, or leave it unset (-1, Jetty's default)");
			}
			// What the connector says it does; the channel itself is handed over below
			connector.setInheritChannel(true);
			connector.addEventListener(new OpenOnInheritedSocket(connector, this.socket));
		}
		logger.info("Serving HTTP on the inherited listening socket " + this.socket
				+ " (standard input), not on server.port");
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own customizers, which set the port this one makes moot
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Hands a connector a fresh view of the inherited channel as it starts, before it
	 * would open {@link System#inheritedChannel()} itself: Spring Boot stops and starts
	 * the connectors when the application context stops and starts, and a stopped
	 * connector has dropped (and closed) its channel.
	 */
	private static final class OpenOnInheritedSocket implements LifeCycle.Listener {

		private final ServerConnector connector;

		private final InheritedSocket socket;

		OpenOnInheritedSocket(ServerConnector connector, InheritedSocket socket) {
			this.connector = connector;
			this.socket = socket;
		}

		@Override
		public void lifeCycleStarting(LifeCycle event) {
			try {
				this.connector.open(InheritedChannelView.of(this.socket.channel()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot serve on the inherited listening socket " + this.socket, ex);
			}
		}

	}

}
