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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.OutcomeEvents;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON that {@link DaemonEndpoint} answers over HTTP, on a real server.
 *
 * @author bootd authors
 */
class DaemonEndpointWebTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void getWhenDaemonShouldAnswerTheDocumentedShape() throws Exception {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		runtime.markReady();
		ConfigurableApplicationContext context = start(runtime);
		DaemonActivity activity = context.getBean(DaemonActivity.class);
		OutcomeEvents.signal(activity, "HUP");
		OutcomeEvents.reload(activity, new ReloadResult(1, Instant.parse("2026-11-21T10:15:30Z"), Duration.ofMillis(42),
				Outcome.APPLIED, Set.of("sample.greeting.message", "logging.level.root"), Set.of("server.port"), null));
		HttpResponse<String> response = get(context, "/actuator/daemon");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
		JsonNode body = this.json.readTree(response.body());
		assertThat(fieldNames(body)).containsExactly("daemon", "process", "mode", "configuredMode", "supervisor",
				"launchDirectory", "pidFile", "outputFile", "logFiles", "startTime", "timeToReady", "reloads",
				"logReopens", "upgrades", "signals");
		assertThat(fieldNames(body.get("upgrades"))).containsExactly("generation", "upgraded", "failed");
		assertThat(body.get("daemon").asBoolean()).isTrue();
		assertThat(body.get("mode").asString()).isEqualTo("detached");
		assertThat(body.get("process").get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(fieldNames(body.get("pidFile"))).containsExactly("path", "pid", "locked", "state", "namedPid");
		assertThat(body.get("pidFile").get("locked").asBoolean()).isTrue();
		assertThat(body.get("pidFile").get("state").asString()).isEqualTo("held");
		assertThat(Instant.parse(body.get("startTime").asString())).isEqualTo(runtime.getStartTime());
		assertThat(Duration.parse(body.get("timeToReady").asString())).isEqualTo(runtime.getTimeToReady());
		JsonNode reloads = body.get("reloads");
		assertThat(reloads.get("generation").asLong()).isEqualTo(1);
		assertThat(reloads.get("count").asLong()).isEqualTo(1);
		assertThat(reloads.get("failures").asLong()).isZero();
		JsonNode last = reloads.get("last");
		assertThat(fieldNames(last)).containsExactly("generation", "time", "duration", "outcome", "appliedKeys",
				"restartKeys");
		assertThat(last.get("outcome").asString()).isEqualTo("applied");
		assertThat(last.get("appliedKeys").toString())
			.isEqualTo("[\"logging.level.root\",\"sample.greeting.message\"]");
		assertThat(last.get("restartKeys").toString()).isEqualTo("[\"server.port\"]");
		assertThat(fieldNames(body.get("logReopens"))).containsExactly("count", "failures");
		assertThat(body.get("signals").get("HUP").asLong()).isEqualTo(1);
	}

	@Test
	void getWhenNotADaemonShouldSaySo() throws Exception {
		ConfigurableApplicationContext context = start(null);
		JsonNode body = this.json.readTree(get(context, "/actuator/daemon").body());
		assertThat(body.get("daemon").asBoolean()).isFalse();
		assertThat(body.get("message").asString()).contains("daemon.enabled=true");
		assertThat(body.has("pidFile")).isFalse();
		assertThat(body.get("process").get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void postWhenAccessIsReadOnlyShouldBeRefused() throws Exception {
		ConfigurableApplicationContext context = start(TestDaemonRuntime.create(this.directory));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(context, "/actuator/daemon/reload"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		// Documented in docs/endpoint.md: Boot does not map a write its access forbids
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void postReloadWhenAccessIsUnrestrictedShouldAnswerTheReloadResult() throws Exception {
		ConfigurableApplicationContext context = start(TestDaemonRuntime.create(this.directory),
				"management.endpoint.daemon.access=unrestricted");
		HttpResponse<String> response = post(context, "/actuator/daemon/reload");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
		JsonNode body = this.json.readTree(response.body());
		assertThat(fieldNames(body)).containsExactly("generation", "time", "duration", "outcome", "appliedKeys",
				"restartKeys");
		assertThat(body.get("generation").asLong()).isEqualTo(1);
		assertThat(body.get("outcome").asString()).isEqualTo("applied");
		JsonNode reloads = this.json.readTree(get(context, "/actuator/daemon").body()).get("reloads");
		assertThat(reloads.get("count").asLong()).isEqualTo(1);
	}

	@Test
	void postReopenLogsWhenAccessIsUnrestrictedShouldAnswerTheReopenResult() throws Exception {
		ConfigurableApplicationContext context = start(TestDaemonRuntime.create(this.directory),
				"management.endpoint.daemon.access=unrestricted");
		HttpResponse<String> response = post(context, "/actuator/daemon/reopen-logs");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(fieldNames(body)).containsExactly("time", "duration", "outcome", "reopened", "failures");
		assertThat(body.get("outcome").asString()).isEqualTo("reopened");
		assertThat(this.json.readTree(get(context, "/actuator/daemon").body()).get("logReopens").get("count").asLong())
			.isEqualTo(1);
	}

	@Test
	void postUnknownActionWhenAccessIsUnrestrictedShouldBeABadRequest() throws Exception {
		ConfigurableApplicationContext context = start(TestDaemonRuntime.create(this.directory),
				"management.endpoint.daemon.access=unrestricted");
		assertThat(post(context, "/actuator/daemon/restart").statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(get(context, "/actuator/daemon").body()).get("reloads").get("count").asLong())
			.isZero();
	}

	@Test
	void getWhenDetailsAreNotShownShouldAnswerTheSummaryOnly() throws Exception {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		runtime.markReady();
		ConfigurableApplicationContext context = start(runtime, "management.endpoint.daemon.show-details=never");
		OutcomeEvents.reload(context.getBean(DaemonActivity.class),
				new ReloadResult(3, Instant.parse("2026-11-21T10:15:30Z"), Duration.ofMillis(42), Outcome.FAILED,
						Set.of(), Set.of(), "Invalid value for server.port in " + this.directory));
		HttpResponse<String> response = get(context, "/actuator/daemon");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
		assertSummary(this.json.readTree(response.body()));
		assertThat(response.body()).doesNotContain(this.directory.toString()).doesNotContain("server.port");
	}

	@Test
	void getWhenShowDetailsIsWhenAuthorizedAndNobodyIsAuthenticatedShouldAnswerTheSummaryOnly() throws Exception {
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		runtime.markReady();
		ConfigurableApplicationContext context = start(runtime,
				"management.endpoint.daemon.show-details=when-authorized");
		OutcomeEvents.reload(context.getBean(DaemonActivity.class), new ReloadResult(3, Instant.now(),
				Duration.ofMillis(42), Outcome.FAILED, Set.of(), Set.of(), "rejected"));
		assertSummary(this.json.readTree(get(context, "/actuator/daemon").body()));
	}

	@Test
	void getWhenDaemonIsEnabledAndNothingIsConfiguredShouldAnswerTheSummaryAndKeepWritesClosed() throws Exception {
		// What a user writes: daemon.enabled=true, no management.* property at all
		DaemonRuntime runtime = TestDaemonRuntime.create(this.directory);
		runtime.markReady();
		ConfigurableApplicationContext context = run(runtime, "daemon.enabled=true");
		OutcomeEvents.reload(context.getBean(DaemonActivity.class), new ReloadResult(3, Instant.now(),
				Duration.ofMillis(42), Outcome.FAILED, Set.of(), Set.of(), "rejected"));
		HttpResponse<String> response = get(context, "/actuator/daemon");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSummary(this.json.readTree(response.body()));
		// Boot's own default stays exposed; nothing else is
		assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get(context, "/actuator/env").statusCode()).isEqualTo(404);
		assertThat(post(context, "/actuator/daemon/reload").statusCode()).isEqualTo(404);
		assertThat(context.getBean(DaemonActivity.class).getCount(DaemonReloadedEvent.class)).isEqualTo(1);
	}

	@Test
	void getWhenDaemonIsEnabledAndUserIncludesOtherEndpointsShouldNotAnswer() throws Exception {
		ConfigurableApplicationContext context = run(TestDaemonRuntime.create(this.directory), "daemon.enabled=true",
				"management.endpoints.web.exposure.include=health");
		assertThat(get(context, "/actuator/daemon").statusCode()).isEqualTo(404);
		assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200);
	}

	/**
	 * Assert the summary of a ready, detached daemon whose last reload, number 3, failed.
	 */
	private void assertSummary(JsonNode body) {
		assertThat(fieldNames(body)).containsExactly("daemon", "mode", "state", "pid", "uptime", "lastReload");
		assertThat(body.get("daemon").asBoolean()).isTrue();
		assertThat(body.get("mode").asString()).isEqualTo("detached");
		assertThat(body.get("state").asString()).isEqualTo("ready");
		assertThat(body.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(Duration.parse(body.get("uptime").asString())).isPositive();
		assertThat(fieldNames(body.get("lastReload"))).containsExactly("generation", "outcome");
		assertThat(body.get("lastReload").get("generation").asLong()).isEqualTo(3);
		assertThat(body.get("lastReload").get("outcome").asString()).isEqualTo("failed");
	}

	@Test
	void healthShouldHaveTheDaemonComponent() throws Exception {
		ConfigurableApplicationContext context = start(TestDaemonRuntime.create(this.directory));
		JsonNode daemon = this.json.readTree(get(context, "/actuator/health").body()).get("components").get("daemon");
		assertThat(daemon.get("status").asString()).isEqualTo("UP");
		assertThat(daemon.get("details").get("pidFileState").asString()).isEqualTo("held");
	}

	/**
	 * Start with the endpoint exposed explicitly and its details shown, as the sample
	 * configures it; later properties win.
	 */
	private ConfigurableApplicationContext start(DaemonRuntime runtime, String... properties) {
		List<String> all = new ArrayList<>(List.of("management.endpoints.web.exposure.include=daemon,health",
				"management.endpoint.health.show-details=always", "management.endpoint.daemon.show-details=always"));
		all.addAll(List.of(properties));
		return run(runtime, all.toArray(String[]::new));
	}

	/**
	 * Start on a free loopback port with the given properties and no other.
	 */
	private ConfigurableApplicationContext run(DaemonRuntime runtime, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off")
			.properties(properties)
			.initializers((applicationContext) -> {
				if (runtime != null) {
					// As DaemonRunListener does before the context refreshes
					applicationContext.getBeanFactory().registerSingleton("daemonRuntime", runtime);
					applicationContext.addApplicationListener((event) -> {
						if (event instanceof org.springframework.context.event.ContextClosedEvent) {
							runtime.close();
						}
					});
				}
			})
			.run();
		this.contexts.add(context);
		return context;
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(context, path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A bare POST, as {@code curl -X POST} sends it: no body, no content type. */
	private static HttpResponse<String> post(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(context, path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
