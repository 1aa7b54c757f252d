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

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Fails the start of a web server other than Tomcat when standard input is an inherited
 * listening socket: bootd makes only Tomcat serve on it, and any other server would bind
 * {@code server.port} and leave the socket's connections (systemd's queue, an upgrade's
 * clients) waiting for nobody. A failed start says so, where a silent one would hang
 * every request.
 *
 * @author bootd authors
 */
public final class InheritedSocketWebServerCheck
		implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	/** Spring Boot 4's Tomcat module, servlet and reactive factories alike. */
	private static final String TOMCAT_PACKAGE = "org.springframework.boot.tomcat.";

	private final InheritedSocket socket;

	public InheritedSocketWebServerCheck(InheritedSocket socket) {
		this.socket = socket;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!isTomcat(factory.getClass())) {
			throw new IllegalStateException("Standard input is the listening socket " + this.socket
					+ " (socket activation or an upgrade), but this application's web server ("
					+ factory.getClass().getName() + ") is not Tomcat, the only one bootd makes serve on an inherited"
					+ " socket: it would bind server.port instead and leave the socket's connections unanswered. Use"
					+ " Tomcat (spring-boot-starter-tomcat), or start the service without a socket unit");
		}
	}

	/** A user's subclass of a Tomcat factory is Tomcat too. */
	static boolean isTomcat(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().startsWith(TOMCAT_PACKAGE)) {
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
