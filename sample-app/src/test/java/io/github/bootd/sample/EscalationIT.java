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
package io.github.bootd.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bootd does when a process does not end or start in time: the stop action's SIGKILL
 * after {@code daemon.stop-timeout}, and the launcher's stop of a daemon child that is
 * not ready within {@code daemon.startup-timeout} (docs/control.md, docs/detaching.md),
 * checked on the processes themselves.
 *
 * @author bootd authors
 */
class EscalationIT {

	private static final Pattern NOT_READY = Pattern.compile(
			"bootd: sample \\(pid (\\d+)\\) did not become ready within 60\\.00 s \\(daemon\\.startup-timeout\\); stopping it");

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void stopWhenShutdownHangsShouldEndTheProcessWithSigkill() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// The daemon is the test's own child here, so that its wait status tells which
		// signal ended it; the pid file rules are the same in the foreground
		Process process = daemon
			.inForeground(daemon.command(List.of(), "--daemon.mode=foreground", "--sample.block-shutdown=true"))
			.start();
		daemon.remember(process.pid());
		try {
			assertThat(daemon.awaitAnswering()).as("ready").isTrue();
			assertThat(ProcFacts.of(process.pid()).holdsWriteLock(daemon.pidFile())).isTrue();
			Launch stop = daemon.launch("--daemon.action=stop", "--daemon.stop-timeout=2s");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			assertThat(stop.stdout())
				.contains("sample (pid " + process.pid() + ") did not stop within 2.00 s of"
						+ " SIGTERM (daemon.stop-timeout); killed it with SIGKILL")
				.contains("removed its stale pid file " + daemon.pidFile());
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			// The JDK reports death by a signal as 128 + its number: 137 is SIGKILL (TERM
			// would have been 143, after a shutdown that completed)
			assertThat(process.exitValue()).as("wait status of the daemon").isEqualTo(128 + 9);
			assertThat(SignalledDaemon.read(this.directory.resolve("foreground.out"))
					+ SignalledDaemon.read(daemon.outputFile()))
				.as("SIGTERM came first and its shutdown hung")
				.contains("Blocking shutdown (sample.block-shutdown=true)");
			assertThat(daemon.pidFile()).doesNotExist();
			assertThat(this.directory.resolve("sample.state")).doesNotExist();
		}
		finally {
			process.destroyForcibly();
			process.waitFor(60, TimeUnit.SECONDS);
		}
	}

	@Test
	void startWhenNotReadyWithinStartupTimeoutShouldKillTheChildThatOutlivesSigterm() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// The start-up waits 10 minutes in a SmartInitializingSingleton. SIGTERM runs the
		// JVM's shutdown hooks, and Spring Boot's waits for the refresh in progress, so a
		// child stuck there outlives SIGTERM: the launcher must escalate to SIGKILL. 60 s
		// is a generous bound for reaching that wait on a loaded machine
		Launch start = daemon.launch("--daemon.startup-timeout=60s", "--sample.slow-start=10m");
		Matcher matcher = NOT_READY.matcher(start.stderr());
		assertThat(matcher.find()).as(start.output()).isTrue();
		long child = Long.parseLong(matcher.group(1));
		daemon.remember(child);
		assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
		assertThat(SignalledDaemon.read(daemon.outputFile())).as("the child was inside its start-up")
			.contains("Slow start: waiting PT10M (sample.slow-start)");
		assertThat(start.stderr())
			.contains("bootd: sample (pid " + child + ") did not exit within 10.00 s;" + " killing it");
		// The launcher returned: a start reported failed leaves nothing running
		assertThat(ProcFacts.isAlive(child)).as("child %d in /proc; %s", child, start.output()).isFalse();
		assertThat(daemon.pidFile()).as("removed after the kill").doesNotExist();
		assertThat(start.stderr()).contains("bootd: the daemon's output is in " + daemon.outputFile());
	}

}
