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
package io.github.bootd.actuate.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.OutcomeEvents;
import io.github.bootd.actuate.TestDaemonRuntime;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.reload.ReloadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonMetrics}.
 *
 * @author bootd authors
 */
class DaemonMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DaemonActivity activity = new DaemonActivity();

	@Test
	void bindToShouldCountReloadsByOutcome() {
		new DaemonMetrics(this.activity, null, List.of()).bindTo(this.registry);
		OutcomeEvents.reload(this.activity, reload(1, Outcome.APPLIED, 30));
		OutcomeEvents.reload(this.activity, reload(2, Outcome.FAILED, 10));
		OutcomeEvents.reload(this.activity, reload(3, Outcome.APPLIED, 20));
		assertThat(this.registry.get("daemon.reloads").tag("outcome", "applied").functionCounter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("daemon.reloads").tag("outcome", "failed").functionCounter().count()).isEqualTo(1);
	}

	@Test
	void onApplicationEventShouldTimeReloads() {
		DaemonMetrics metrics = new DaemonMetrics(this.activity, null, List.of());
		metrics.bindTo(this.registry);
		metrics.onApplicationEvent(new DaemonReloadedEvent(this, reload(1, Outcome.APPLIED, 30)));
		metrics.onApplicationEvent(new DaemonReloadedEvent(this, reload(2, Outcome.APPLIED, 50)));
		var timer = this.registry.get("daemon.reload.duration").tag("outcome", "applied").timer();
		assertThat(timer.count()).isEqualTo(2);
		assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80);
		assertThat(this.registry.get("daemon.reload.duration").tag("outcome", "failed").timer().count()).isZero();
	}

	@Test
	void bindToShouldCountLogReopensAndSignals() {
		new DaemonMetrics(this.activity, null, List.of()).bindTo(this.registry);
		OutcomeEvents.logReopen(this.activity, Instant.now(), null);
		OutcomeEvents.logReopen(this.activity, Instant.now(), "app.log: Permission denied");
		OutcomeEvents.signal(this.activity, "HUP");
		OutcomeEvents.signal(this.activity, "HUP");
		assertThat(this.registry.get("daemon.log.reopens").tag("outcome", "reopened").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("daemon.log.reopens").tag("outcome", "failed").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("daemon.signals").tag("signal", "HUP").functionCounter().count()).isEqualTo(2);
		assertThat(this.registry.get("daemon.signals").tag("signal", "TERM").functionCounter().count()).isZero();
	}

	@Test
	void bindToWhenNotADaemonShouldNotRegisterRuntimeMeters() {
		new DaemonMetrics(this.activity, null, List.of()).bindTo(this.registry);
		assertThat(this.registry.find("daemon.pid.file.held").gauge()).isNull();
		assertThat(this.registry.find("daemon.time.to.ready").timeGauge()).isNull();
	}

	@Test
	void bindToWhenDaemonShouldReportPidFileAndTimeToReady(@TempDir Path directory) throws IOException {
		try (DaemonRuntime runtime = TestDaemonRuntime.create(directory)) {
			new DaemonMetrics(this.activity, runtime, List.of(Tag.of("service", "sample"))).bindTo(this.registry);
			assertThat(this.registry.get("daemon.time.to.ready").timeGauge().value()).isNaN();
			Duration timeToReady = runtime.markReady();
			assertThat(this.registry.get("daemon.time.to.ready")
				.tag("service", "sample")
				.timeGauge()
				.value(TimeUnit.MILLISECONDS)).isEqualTo(timeToReady.toMillis());
			assertThat(this.registry.get("daemon.pid.file.held").gauge().value()).isEqualTo(1);
			Files.delete(directory.resolve("daemon.pid"));
			assertThat(this.registry.get("daemon.pid.file.held").gauge().value()).isZero();
		}
	}

	@Test
	void bindToShouldDescribeEveryMeter(@TempDir Path directory) throws IOException {
		try (DaemonRuntime runtime = TestDaemonRuntime.create(directory)) {
			new DaemonMetrics(this.activity, runtime, List.of()).bindTo(this.registry);
			assertThat(this.registry.getMeters()).isNotEmpty()
				.allSatisfy((meter) -> assertThat(meter.getId().getDescription()).isNotBlank());
		}
	}

	private static ReloadResult reload(long generation, Outcome outcome, long millis) {
		return new ReloadResult(generation, Instant.now(), Duration.ofMillis(millis), outcome, Set.of(), Set.of(),
				(outcome == Outcome.FAILED) ? "bad value" : null);
	}

}
