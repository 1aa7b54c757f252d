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
package io.github.bootd.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PhaseReport}.
 *
 * @author bootd authors
 */
class PhaseReportTests {

	private static final long MS = 1_000_000;

	@Test
	void percentileShouldBeTheNearestRank() {
		long[] values = new long[100];
		for (int i = 0; i < values.length; i++) {
			values[i] = i + 1;
		}
		assertThat(PhaseReport.percentile(values, 50)).isEqualTo(50);
		assertThat(PhaseReport.percentile(values, 99)).isEqualTo(99);
		assertThat(PhaseReport.percentile(values, 100)).isEqualTo(100);
		assertThat(PhaseReport.percentile(new long[] { 7 }, 99)).isEqualTo(7);
		assertThat(PhaseReport.percentile(new long[] { 1, 2, 3 }, 50)).isEqualTo(2);
		assertThat(PhaseReport.percentile(new long[0], 50)).isEqualTo(-1);
	}

	@Test
	void ofShouldCountEachPhaseByTheStartOfItsRequests() {
		Phases phases = new Phases("steady", 0);
		phases.begin("restart", 1000 * MS);
		phases.begin("steady", 2000 * MS);
		phases.end(3000 * MS);
		RequestLog one = new RequestLog();
		one.add(0, 100 * MS, 2 * MS, Outcome.OK, false);
		one.add(0, 990 * MS, 20 * MS, Outcome.OK, false);
		one.add(1, 1100 * MS, 1 * MS, Outcome.REFUSED, false);
		one.add(1, 1200 * MS, 1 * MS, Outcome.REFUSED, true);
		one.add(1, 1900 * MS, 400 * MS, Outcome.OK, true);
		RequestLog two = new RequestLog();
		two.add(1, 1300 * MS, 3 * MS, "other:java.net.ProtocolException", false);
		two.add(1, 1400 * MS, 3 * MS, Outcome.RESET, false);
		two.add(2, 2100 * MS, 4 * MS, Outcome.OK, false);
		two.add(2, 2200 * MS, 6 * MS, "status-503", false);
		List<PhaseReport> reports = PhaseReport.of(phases, List.of(one, two));
		assertThat(reports).extracting(PhaseReport::phase).containsExactly("steady", "restart");
		PhaseReport steady = reports.get(0);
		assertThat(steady.seconds()).isEqualTo(2.0);
		assertThat(steady.requests()).isEqualTo(4);
		assertThat(steady.ok()).isEqualTo(3);
		assertThat(steady.failed()).isEqualTo(1);
		assertThat(steady.otherFailures()).isEqualTo(1);
		assertThat(steady.p50Millis()).isEqualTo(4.0);
		assertThat(steady.maxMillis()).isEqualTo(20.0);
		PhaseReport restart = reports.get(1);
		assertThat(restart.requests()).isEqualTo(5);
		assertThat(restart.ok()).isEqualTo(1);
		assertThat(restart.failed(Outcome.REFUSED)).isEqualTo(2);
		assertThat(restart.failed(Outcome.RESET)).isEqualTo(1);
		assertThat(restart.failed(Outcome.TIMEOUT)).isZero();
		assertThat(restart.otherFailures()).isEqualTo(1);
		assertThat(restart.retried()).isEqualTo(2);
		assertThat(restart.retriedOk()).isEqualTo(1);
		assertThat(restart.maxMillis()).isEqualTo(400.0);
		// A steady request ended at 1010 ms, inside the restart, the next success at 2104
		// ms: the gap runs from 1010 ms to the restart's end
		assertThat(restart.longestGapMillis()).isEqualTo(990.0);
		assertThat(restart.outageSeconds()).isZero();
	}

	@Test
	void ofShouldAddUpTheGapsOfASecondOrMoreAsTheOutage() {
		Phases phases = new Phases("upgrade", 0);
		phases.end(5000 * MS);
		RequestLog log = new RequestLog();
		log.add(0, 400 * MS, 100 * MS, Outcome.OK, false);
		log.add(0, 600 * MS, 900 * MS, Outcome.REFUSED, false);
		log.add(0, 2999 * MS, 1 * MS, Outcome.OK, false);
		PhaseReport report = PhaseReport.of("upgrade", phases, List.of(log));
		// Gaps: 0..500 ms, 500..3000 ms, 3000..5000 ms
		assertThat(report.longestGapMillis()).isEqualTo(2500.0);
		assertThat(report.outageSeconds()).isCloseTo(4.5, within(1e-9));
	}

	@Test
	void gapsShouldCountFromThePhaseStartAndToItsEnd() {
		RequestLog log = new RequestLog();
		log.add(0, 100 * MS, 50 * MS, Outcome.OK, false);
		log.add(0, 200 * MS, 10 * MS, Outcome.OK, false);
		log.add(0, 300 * MS, 10 * MS, Outcome.REFUSED, false);
		assertThat(PhaseReport.gaps(0, 1000 * MS, List.of(log))).containsExactly(150 * MS, 60 * MS, 790 * MS);
		assertThat(PhaseReport.gaps(0, 300 * MS, List.of(log))).containsExactly(150 * MS, 60 * MS, 90 * MS);
		assertThat(PhaseReport.gaps(0, 1000 * MS, List.of())).containsExactly(1000 * MS);
	}

}
