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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.logging.DaemonLogsReopenedEvent;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult.Outcome;
import io.github.bootd.upgrade.DaemonUpgradedEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.signal.DaemonSignalReceivedEvent;

/**
 * Meters for what the daemon does: reloads and their duration, log reopens, signals, time
 * to ready and whether the pid file still protects the process.
 * <p>
 * Counters read {@link DaemonActivity}, so a reload that happened before a registry was
 * bound is still counted; the duration timer can only record reloads it is told about.
 *
 * @author bootd authors
 */
public class DaemonMetrics implements MeterBinder, ApplicationListener<DaemonReloadedEvent> {

	/**
	 * The signals a JVM can handle (QUIT is the VM's own); each gets a series from the
	 * start so that {@code increase()} sees the first one.
	 */
	private static final List<String> SIGNALS = List.of("HUP", "INT", "TERM", "USR1", "USR2");

	private final DaemonActivity activity;

	private final @Nullable DaemonRuntime runtime;

	private final Iterable<Tag> tags;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Create the meters' binder.
	 * @param activity what the daemon has done
	 * @param runtime the daemon runtime; without one (not a daemon) the time to ready and
	 * pid file meters are not registered
	 * @param tags tags added to every meter
	 */
	public DaemonMetrics(DaemonActivity activity, @Nullable DaemonRuntime runtime, Iterable<Tag> tags) {
		this.activity = activity;
		this.runtime = runtime;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		DaemonActivity activity = this.activity;
		FunctionCounter
			.builder("daemon.reloads", activity,
					(it) -> it.getCount(DaemonReloadedEvent.class) - it.getFailures(DaemonReloadedEvent.class))
			.description("Configuration reloads (SIGHUP or the daemon endpoint), by outcome")
			.tags(this.tags)
			.tag("outcome", "applied")
			.register(registry);
		FunctionCounter.builder("daemon.reloads", activity, (it) -> it.getFailures(DaemonReloadedEvent.class))
			.description("Configuration reloads (SIGHUP or the daemon endpoint), by outcome")
			.tags(this.tags)
			.tag("outcome", "failed")
			.register(registry);
		for (Outcome outcome : Outcome.values()) {
			reloadTimer(registry, outcome);
		}
		FunctionCounter
			.builder("daemon.log.reopens", activity,
					(it) -> it.getCount(DaemonLogsReopenedEvent.class) - it.getFailures(DaemonLogsReopenedEvent.class))
			.description("Reopens of the log files (a signal or the daemon endpoint), by outcome")
			.tags(this.tags)
			.tag("outcome", "reopened")
			.register(registry);
		FunctionCounter.builder("daemon.log.reopens", activity, (it) -> it.getFailures(DaemonLogsReopenedEvent.class))
			.description("Reopens of the log files (a signal or the daemon endpoint), by outcome")
			.tags(this.tags)
			.tag("outcome", "failed")
			.register(registry);
		FunctionCounter
			.builder("daemon.upgrades", activity,
					(it) -> it.getCount(DaemonUpgradedEvent.class) - it.getFailures(DaemonUpgradedEvent.class))
			.description("Upgrades (SIGUSR2 or the upgrade action) by outcome: upgraded counts the one that started"
					+ " this instance, failed those it served on through")
			.tags(this.tags)
			.tag("outcome", "upgraded")
			.register(registry);
		FunctionCounter.builder("daemon.upgrades", activity, (it) -> it.getFailures(DaemonUpgradedEvent.class))
			.description("Upgrades (SIGUSR2 or the upgrade action) by outcome: upgraded counts the one that started"
					+ " this instance, failed those it served on through")
			.tags(this.tags)
			.tag("outcome", "failed")
			.register(registry);
		Gauge.builder("daemon.upgrade.generation", activity, DaemonMetrics::upgradeGeneration)
			.description("How many upgrades led to this instance since the daemon was first started")
			.tags(this.tags)
			.register(registry);
		for (String signal : SIGNALS) {
			FunctionCounter
				.builder("daemon.signals", activity,
						(it) -> it.getCountsBySubject(DaemonSignalReceivedEvent.class)
							.getOrDefault(signal, 0L)
							.doubleValue())
				.description("Signals received by the daemon, by signal name")
				.tags(this.tags)
				.tag("signal", signal)
				.register(registry);
		}
		DaemonRuntime runtime = this.runtime;
		if (runtime != null) {
			TimeGauge.builder("daemon.time.to.ready", runtime, TimeUnit.MILLISECONDS, DaemonMetrics::timeToReady)
				.description("Time from the start of the daemon process until the application was ready")
				.tags(this.tags)
				.register(registry);
			Gauge.builder("daemon.pid.file.held", runtime, DaemonMetrics::pidFileHeld)
				.description("1 while this process holds the lock on its pid file and the file names it; 0 once the"
						+ " lock is lost or the file was deleted, replaced or overwritten")
				.tags(this.tags)
				.register(registry);
		}
		this.registries.add(registry);
	}

	@Override
	public void onApplicationEvent(DaemonReloadedEvent event) {
		ReloadResult result = event.getResult();
		for (MeterRegistry registry : this.registries) {
			reloadTimer(registry, result.outcome()).record(result.duration());
		}
	}

	private static double upgradeGeneration(DaemonActivity activity) {
		DaemonUpgradedEvent last = activity.getLast(DaemonUpgradedEvent.class);
		return (last != null) ? last.getGeneration() : 0;
	}

	private Timer reloadTimer(MeterRegistry registry, Outcome outcome) {
		return Timer.builder("daemon.reload.duration")
			.description("Time taken by configuration reloads, by outcome")
			.tags(Tags.of(this.tags).and("outcome", outcome.name().toLowerCase()))
			.register(registry);
	}

	private static double timeToReady(DaemonRuntime runtime) {
		Duration timeToReady = runtime.getTimeToReady();
		return (timeToReady != null) ? timeToReady.toMillis() : Double.NaN;
	}

	private static double pidFileHeld(DaemonRuntime runtime) {
		PidFile.State state = runtime.getPidFile().inspect().state();
		return (state == PidFile.State.HELD || state == PidFile.State.SUCCEEDING) ? 1 : 0;
	}

}
