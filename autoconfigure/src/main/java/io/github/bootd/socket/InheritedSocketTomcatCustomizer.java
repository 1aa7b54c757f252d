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

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Tomcat's connector serve on the {@link InheritedSocket inherited listening
 * socket} instead of binding {@code server.port}: Tomcat's NIO connector takes
 * {@link System#inheritedChannel()} as its server socket when {@code useInheritedChannel}
 * is set, and leaves it open when it stops (it is not Tomcat's to close). The port Tomcat
 * reports, and so {@code local.server.port}, is the socket's.
 *
 * @author bootd authors
 */
public final class InheritedSocketTomcatCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(InheritedSocketTomcatCustomizer.class);

	private static final String DEFAULT_PROTOCOL = "org.apache.coyote.http11.Http11NioProtocol";

	private final InheritedSocket socket;

	public InheritedSocketTomcatCustomizer(InheritedSocket socket) {
		this.socket = socket;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (factory instanceof TomcatWebServerFactory tomcat && DEFAULT_PROTOCOL.equals(tomcat.getProtocol())) {
			// Tomcat's NIO protocol, which stops accepting without taking a client's
			// connection from the shared socket
			tomcat.setProtocol(InheritedChannelHttp11NioProtocol.class.getName());
		}
		factory.addConnectorCustomizers(this::useInheritedChannel);
	}

	private void useInheritedChannel(Connector connector) {
		// Only the NIO connector (Boot's default) knows the property; NIO2 and APR would
		// silently bind server.port
		if (!connector.setProperty("useInheritedChannel", "true")) {
			throw new IllegalStateException("Standard input is the listening socket " + this.socket + ", but Tomcat's "
					+ connector.getProtocolHandlerClassName()
					+ " connector cannot serve on it: use the NIO connector (Spring Boot's default)");
		}
		logger.info("Serving HTTP on the inherited listening socket " + this.socket
				+ " (standard input), not on server.port");
	}

	@Override
	public int getOrder() {
		// After Spring Boot's own customizers, which set the port this one makes moot
		return Ordered.LOWEST_PRECEDENCE;
	}

}
