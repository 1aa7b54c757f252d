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
package io.github.bootd.actuate.endpoint;

import java.util.Collection;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link DaemonEndpoint}: over
 * HTTP, {@code GET /actuator/daemon} answers the {@link DaemonEndpoint#summary() summary}
 * and shows the {@link DaemonEndpoint#daemon() details} only when
 * {@code management.endpoint.daemon.show-details} allows it, as Boot's health endpoint
 * does with its own {@code show-details}.
 * <p>
 * The endpoint is exposed over HTTP by default once the application is a daemon, so what
 * a stranger may see must be the least: the details name files, users and process ids.
 * JMX keeps the endpoint's own read operation, with all details, as for health: the MBean
 * server has its own access control, and JMX endpoints are exposed only on request.
 *
 * @author bootd authors
 */
@EndpointWebExtension(endpoint = DaemonEndpoint.class)
public class DaemonEndpointWebExtension {

	private final DaemonEndpoint delegate;

	private final Show showDetails;

	private final Set<String> roles;

	/**
	 * Create an extension.
	 * @param delegate the endpoint
	 * @param showDetails when to show the details
	 * @param roles the roles that may see the details when they are shown
	 * {@link Show#WHEN_AUTHORIZED when authorized}; empty for any authenticated user
	 */
	public DaemonEndpointWebExtension(DaemonEndpoint delegate, Show showDetails, Collection<String> roles) {
		this.delegate = delegate;
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Describe the daemon, with details when they may be shown to the caller.
	 * @param securityContext who asks
	 * @return the summary, or the full description
	 */
	@ReadOperation
	public OperationResponseBody daemon(SecurityContext securityContext) {
		if (this.showDetails.isShown(securityContext, this.roles)) {
			return this.delegate.daemon();
		}
		return this.delegate.summary();
	}

}
