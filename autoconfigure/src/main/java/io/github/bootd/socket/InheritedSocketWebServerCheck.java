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

import java.util.List;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Fails the start of a web server other than Tomcat or Jetty when standard input is an
 * inherited listening socket: bootd makes only those two serve on it, and any other
 * server (Reactor Netty) would bind {@code server.port} and leave the socket's
 * connections (systemd's queue, an upgrade's clients) waiting for nobody. A failed start
 * says so, where a silent one would hang every request.
 *
 * @author bootd authors
 */
public final class InheritedSocketWebServerCheck
		implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	/**
	 * Spring Boot 4's Tomcat and Jetty modules, servlet and reactive factories alike.
	 */
	private static final List<String> SUPPORTED_PACKAGES = List.of("org.springframework.boot.tomcat.",
			"org.springframework.boot.jetty.");

	private final InheritedSocket socket;

	public InheritedSocketWebServerCheck(InheritedSocket socket) {
		this.socket = socket;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!isSupported(factory.getClass())) {
			throw new IllegalStateException("Standard input is the listening socket " + this.socket
					+ " (socket activation or an upgrade), but this application's web server ("
					+ factory.getClass().getName() + ") is neither Tomcat nor Jetty, the ones bootd makes serve on an"
					+ " inherited socket: it would bind server.port instead and leave the socket's connections"
					+ " unanswered. Use Tomcat (spring-boot-starter-tomcat) or Jetty (spring-boot-starter-jetty), or"
					+ " start the service without a socket unit");
		}
	}

	/** A user's subclass of a Tomcat or Jetty factory is Tomcat or Jetty too. */
	static boolean isSupported(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			String name = candidate.getName();
			if (SUPPORTED_PACKAGES.stream().anyMatch(name::startsWith)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		// Before any customizer that would configure a server that cannot start anyway
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
