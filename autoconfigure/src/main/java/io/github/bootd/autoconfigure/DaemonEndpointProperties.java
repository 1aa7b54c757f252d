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
package io.github.bootd.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.bootd.actuate.endpoint.DaemonEndpointWebExtension;

/**
 * Configuration properties of the {@code daemon} endpoint over HTTP: what
 * {@code GET /actuator/daemon} shows beyond its summary, with the same rules as
 * {@code management.endpoint.health.show-details}.
 *
 * @author bootd authors
 * @see DaemonEndpointWebExtension
 */
@ConfigurationProperties("management.endpoint.daemon")
public class DaemonEndpointProperties {

	/**
	 * When to show the daemon's details over HTTP, beyond its summary: paths, user,
	 * parent, group and session ids, pid file, log files, signals.
	 */
	private Show showDetails = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown details. When
	 * empty, all authenticated users are authorized.
	 */
	private final Set<String> roles = new LinkedHashSet<>();

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
