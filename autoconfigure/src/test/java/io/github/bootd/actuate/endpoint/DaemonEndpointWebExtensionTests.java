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

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.OutcomeEvents;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.DaemonDescriptor;
import io.github.bootd.actuate.endpoint.DaemonEndpoint.SummaryDescriptor;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonEndpointWebExtension}: when the details are shown, with the
 * rules of {@code management.endpoint.health.show-details}.
 *
 * @author bootd authors
 */
class DaemonEndpointWebExtensionTests {

	private static final SecurityContext OPERATOR = securityContext("ops", Set.of("OPS"));

	private static final SecurityContext VISITOR = securityContext("visitor", Set.of("USER"));

	@TempDir
	Path directory;

	private DaemonRuntime runtime;

	private final DaemonActivity activity = new DaemonActivity();

	private DaemonEndpoint endpoint;

	@BeforeEach
	void createEndpoint() throws IOException {
		this.runtime = TestDaemonRuntime.create(this.directory);
		this.endpoint = new DaemonEndpoint(this.runtime, this.activity, () -> null, () -> null);
	}

	@AfterEach
	void closeRuntime() {
		this.runtime.close();
	}

	@Test
	void daemonWhenShowDetailsIsNeverShouldAnswerTheSummaryToEveryone() {
		DaemonEndpointWebExtension extension = extension(Show.NEVER, List.of());
		assertThat(extension.daemon(SecurityContext.NONE)).isInstanceOf(SummaryDescriptor.class);
		assertThat(extension.daemon(OPERATOR)).isInstanceOf(SummaryDescriptor.class);
	}

	@Test
	void daemonWhenShowDetailsIsAlwaysShouldAnswerTheDetailsToEveryone() {
		DaemonEndpointWebExtension extension = extension(Show.ALWAYS, List.of());
		assertThat(extension.daemon(SecurityContext.NONE)).isInstanceOf(DaemonDescriptor.class);
	}

	@Test
	void daemonWhenShowDetailsIsWhenAuthorizedShouldAnswerTheDetailsToAnyAuthenticatedUser() {
		DaemonEndpointWebExtension extension = extension(Show.WHEN_AUTHORIZED, List.of());
		assertThat(extension.daemon(SecurityContext.NONE)).isInstanceOf(SummaryDescriptor.class);
		assertThat(extension.daemon(VISITOR)).isInstanceOf(DaemonDescriptor.class);
	}

	@Test
	void daemonWhenShowDetailsIsWhenAuthorizedWithRolesShouldAnswerTheDetailsOnlyToThoseRoles() {
		DaemonEndpointWebExtension extension = extension(Show.WHEN_AUTHORIZED, List.of("OPS"));
		assertThat(extension.daemon(SecurityContext.NONE)).isInstanceOf(SummaryDescriptor.class);
		assertThat(extension.daemon(VISITOR)).isInstanceOf(SummaryDescriptor.class);
		assertThat(extension.daemon(OPERATOR)).isInstanceOf(DaemonDescriptor.class);
	}

	@Test
	void summaryWhenDaemonShouldSayHowItRunsWithoutPathsOrErrors() {
		OutcomeEvents.reload(this.activity,
				new ReloadResult(2, Instant.now(), Duration.ofMillis(5), Outcome.FAILED, Set.of(), Set.of(),
						"Invalid value 'x' for 'server.port' in " + this.directory.resolve("application.properties")));
		SummaryDescriptor summary = this.endpoint.summary();
		assertThat(summary.daemon()).isTrue();
		assertThat(summary.message()).isNull();
		assertThat(summary.mode()).isEqualTo("detached");
		assertThat(summary.state()).isEqualTo("starting");
		assertThat(summary.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(summary.uptime()).isPositive();
		assertThat(summary.lastReload().generation()).isEqualTo(2);
		assertThat(summary.lastReload().outcome()).isEqualTo("failed");
		assertThat(summary.toString()).doesNotContain(this.directory.toString()).doesNotContain("server.port");
		this.runtime.markReady();
		assertThat(this.endpoint.summary().state()).isEqualTo("ready");
	}

	@Test
	void summaryWhenNotADaemonShouldSaySo() {
		SummaryDescriptor summary = new DaemonEndpoint(null, this.activity, () -> null, () -> null).summary();
		assertThat(summary.daemon()).isFalse();
		assertThat(summary.message()).contains("daemon.enabled=true");
		assertThat(summary.mode()).isNull();
		assertThat(summary.state()).isNull();
		assertThat(summary.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(summary.lastReload()).isNull();
	}

	private DaemonEndpointWebExtension extension(Show show, List<String> roles) {
		return new DaemonEndpointWebExtension(this.endpoint, show, roles);
	}

	private static SecurityContext securityContext(String name, Set<String> roles) {
		Principal principal = () -> name;
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String role) {
				return roles.contains(role);
			}

		};
	}

}
