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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import io.github.bootd.upgrade.SeparatePorts;

/**
 * The web servers of child contexts that serve on a port of their own: Spring Boot's
 * management server ({@code management.server.port}), whose initialized event reaches the
 * main context's listeners too. Released by {@link WebServer#stop()}: Spring Boot binds a
 * Tomcat connector's port on start, not on init ({@code bindOnInit=false}), so a stop
 * closes it and a start binds it again (what Spring Boot's own context restart relies
 * on).
 *
 * @author bootd authors
 */
public final class SeparateWebServers implements SeparatePorts, ApplicationListener<WebServerInitializedEvent> {

	private final Map<WebServer, Integer> servers = new ConcurrentHashMap<>();

	private final List<WebServer> released = new ArrayList<>();

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// The main context's server has no namespace, the management one "management"
		if (event.getApplicationContext().getServerNamespace() != null) {
			this.servers.put(event.getWebServer(), event.getWebServer().getPort());
		}
	}

	@Override
	public synchronized List<Integer> release() {
		List<Integer> ports = new ArrayList<>();
		this.servers.forEach((server, port) -> {
			server.stop();
			this.released.add(server);
			ports.add(port);
		});
		return ports;
	}

	@Override
	public synchronized void takeBack() {
		try {
			for (WebServer server : this.released) {
				server.start();
			}
		}
		finally {
			this.released.clear();
		}
	}

}
