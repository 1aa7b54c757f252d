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
package io.github.bootd.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.bootd.settings.DaemonMode;
import io.github.bootd.Supervisor;
import io.github.bootd.settings.ControlAction;
import io.github.bootd.launch.RoleDecision.Configuration;
import io.github.bootd.launch.RoleDecision.EarlyFacts;
import io.github.bootd.launch.RoleDecision.Facts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RoleDecision}: what a JVM is, from its action, handshake marker,
 * supervisor and configuration (docs/detaching.md).
 *
 * @author bootd authors
 */
class RoleDecisionTests {

	private final List<String> asked = new ArrayList<>();

	// The early guess

	@Test
	void guessWhenStatusIsAskedShouldBeControlClientWithoutReadingTheConfiguration() {
		assertThat(RoleDecision.guess(early(" Status ", true, Supervisor.SYSTEMD, true, false)))
			.isEqualTo(LaunchRole.CONTROL_CLIENT);
		assertThat(this.asked).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "stop", "reload", "restart", "reopen-logs", "start", "bogus" })
	void guessWhenAnotherActionIsAskedShouldLeaveItToTheConfiguration(String action) {
		assertThat(RoleDecision.guess(early(action, true, Supervisor.NONE, true, false))).isNull();
		assertThat(this.asked).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "SYSTEMD", "CONTAINER" })
	void guessWhenSupervisedShouldLeaveItToTheConfiguration(Supervisor supervisor) {
		assertThat(RoleDecision.guess(early(null, false, supervisor, true, false))).isNull();
		assertThat(this.asked).isEmpty();
	}

	@Test
	void guessWhenTheConfigurationProbablyEnablesTheDaemonShouldBeLauncher() {
		assertThat(RoleDecision.guess(early(null, false, Supervisor.NONE, true, false))).isEqualTo(LaunchRole.LAUNCHER);
		assertThat(this.asked).containsExactly("likely", "user", "signals");
	}

	@Test
	void guessWhenRootMayBeSwitchedToAUserShouldLeaveItToTheConfiguration() {
		// A child started now would load the configuration as root
		assertThat(RoleDecision.guess(early(null, false, Supervisor.NONE, true, false, true))).isNull();
		assertThat(this.asked).containsExactly("likely", "user");
	}

	@Test
	void guessWhenTheConfigurationProbablyDoesNotEnableTheDaemonShouldNotProbeSignals() {
		assertThat(RoleDecision.guess(early(null, false, Supervisor.NONE, false, false))).isNull();
		assertThat(this.asked).containsExactly("likely");
	}

	@Test
	void guessWhenTheJvmRefusesTheSignalsShouldLeaveItToTheConfiguration() {
		assertThat(RoleDecision.guess(early(null, false, Supervisor.NONE, true, true))).isNull();
	}

	// The decision once the environment is prepared

	@ParameterizedTest
	@CsvSource({ "STOP", "STATUS", "RELOAD", "RESTART", "REOPEN_LOGS" })
	void decideWhenAnActionIsAskedShouldBeControlClientWithoutBinding(ControlAction action) {
		for (DaemonMode mode : DaemonMode.values()) {
			assertThat(RoleDecision.decide(late(false, true, action, valid(true, mode), Supervisor.NONE, true)))
				.isEqualTo(LaunchRole.CONTROL_CLIENT);
		}
		assertThat(this.asked).isEmpty();
	}

	@Test
	void decideWhenTheActionIsInvalidShouldBeControlClientWithoutBinding() {
		assertThat(RoleDecision.decide(late(false, false, null, valid(true, DaemonMode.DETACH), Supervisor.NONE, true)))
			.isEqualTo(LaunchRole.CONTROL_CLIENT);
		assertThat(this.asked).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "true, STOP", "false, RESTART", "false, ", "true, START" })
	void decideWhenAChildIsAskedForAnActionShouldIgnoreIt(boolean actionValid, @Nullable ControlAction action) {
		assertThat(RoleDecision
			.decide(late(true, actionValid, action, valid(true, DaemonMode.DETACH), Supervisor.NONE, true)))
			.isEqualTo(LaunchRole.DAEMON_CHILD);
	}

	/**
	 * Every combination of marker, enabled, mode and supervisor for a start, with the
	 * error file where the launcher meant it.
	 */
	@ParameterizedTest(name = "child={0} enabled={1} mode={2} supervisor={3} -> {4}")
	@CsvSource({
			// A JVM started by the user
			"false, true,  AUTO,       NONE,      LAUNCHER", "false, true,  AUTO,       SYSTEMD,   FOREGROUND_DAEMON",
			"false, true,  AUTO,       CONTAINER, FOREGROUND_DAEMON", "false, true,  DETACH,     NONE,      LAUNCHER",
			"false, true,  DETACH,     SYSTEMD,   LAUNCHER", "false, true,  DETACH,     CONTAINER, LAUNCHER",
			"false, true,  FOREGROUND, NONE,      FOREGROUND_DAEMON",
			"false, true,  FOREGROUND, SYSTEMD,   FOREGROUND_DAEMON",
			"false, true,  FOREGROUND, CONTAINER, FOREGROUND_DAEMON",
			"false, false, AUTO,       NONE,      APPLICATION", "false, false, DETACH,     NONE,      APPLICATION",
			"false, false, FOREGROUND, SYSTEMD,   APPLICATION",
			// A launcher's child
			"true,  true,  AUTO,       NONE,      DAEMON_CHILD", "true,  true,  AUTO,       SYSTEMD,   UNNEEDED_CHILD",
			"true,  true,  AUTO,       CONTAINER, UNNEEDED_CHILD", "true,  true,  DETACH,     NONE,      DAEMON_CHILD",
			"true,  true,  DETACH,     SYSTEMD,   DAEMON_CHILD", "true,  true,  FOREGROUND, NONE,      UNNEEDED_CHILD",
			"true,  false, AUTO,       NONE,      UNNEEDED_CHILD",
			"true,  false, DETACH,     NONE,      UNNEEDED_CHILD" })
	void decideWhenStartingShouldFollowTheModeAndSupervisor(boolean child, boolean enabled, DaemonMode mode,
			Supervisor supervisor, LaunchRole expected) {
		for (ControlAction action : new ControlAction[] { null, ControlAction.START }) {
			assertThat(RoleDecision.decide(late(child, true, action, valid(enabled, mode), supervisor, true)))
				.isEqualTo(expected);
		}
	}

	@Test
	void decideWhenTheChildsErrorFileIsMisplacedShouldBeUnneededChild() {
		assertThat(RoleDecision.decide(late(true, true, null, valid(true, DaemonMode.DETACH), Supervisor.NONE, false)))
			.isEqualTo(LaunchRole.UNNEEDED_CHILD);
		assertThat(this.asked).containsExactly("configuration", "errorFile");
	}

	@Test
	void decideWhenNotDetachingShouldNotCheckTheErrorFile() {
		RoleDecision.decide(late(true, true, null, valid(true, DaemonMode.FOREGROUND), Supervisor.NONE, false));
		RoleDecision.decide(late(false, true, null, valid(true, DaemonMode.DETACH), Supervisor.NONE, false));
		assertThat(this.asked).containsExactly("configuration", "configuration");
	}

	@ParameterizedTest(name = "child={0} mode={1} supervisor={2} -> {3}")
	@CsvSource({ "true,  AUTO,       SYSTEMD, DAEMON_CHILD", "true,  FOREGROUND, NONE,    DAEMON_CHILD",
			"false, AUTO,       NONE,    LAUNCHER", "false, DETACH,     SYSTEMD, LAUNCHER",
			"false, AUTO,       SYSTEMD, FOREGROUND_DAEMON", "false, FOREGROUND, NONE,    FOREGROUND_DAEMON" })
	void decideWhenTheConfigurationIsInvalidShouldLetTheReporterOfItsModeReport(boolean child, DaemonMode mode,
			Supervisor supervisor, LaunchRole expected) {
		assertThat(
				RoleDecision.decide(late(child, true, null, new Configuration(false, false, mode), supervisor, true)))
			.isEqualTo(expected);
		assertThat(this.asked).doesNotContain("errorFile");
	}

	@ParameterizedTest(name = "enabled={0} mode={1} supervisor={2} successor={3} -> {4}")
	@CsvSource({ "true,  AUTO,       SYSTEMD, true,  FOREGROUND_SUCCESSOR",
			"true,  FOREGROUND, SYSTEMD, true,  FOREGROUND_SUCCESSOR",
			"true,  AUTO,       SYSTEMD, false, UNNEEDED_CHILD", "true,  FOREGROUND, NONE,    true,  UNNEEDED_CHILD",
			"false, AUTO,       SYSTEMD, true,  UNNEEDED_CHILD", "true,  DETACH,     SYSTEMD, true,  DAEMON_CHILD" })
	void decideWhenAnUpgradeStartedTheChildShouldSucceedInTheForegroundOnlyUnderSystemd(boolean enabled,
			DaemonMode mode, Supervisor supervisor, boolean successor, LaunchRole expected) {
		Facts facts = late(true, true, null, valid(enabled, mode), supervisor, true);
		assertThat(RoleDecision.decide(new Facts(facts.child(), facts.actionValid(), facts.action(),
				facts.configuration(), facts.supervisor(), facts.errorFileInPlace(), successor)))
			.isEqualTo(expected);
	}

	private EarlyFacts early(@Nullable String action, boolean controlAction, Supervisor supervisor, boolean likely,
			boolean signalsRefused) {
		return early(action, controlAction, supervisor, likely, signalsRefused, false);
	}

	private EarlyFacts early(@Nullable String action, boolean controlAction, Supervisor supervisor, boolean likely,
			boolean signalsRefused, boolean userUncertain) {
		return new EarlyFacts(action, controlAction, supervisor, ask("likely", likely), ask("signals", signalsRefused),
				ask("user", userUncertain));
	}

	private Facts late(boolean child, boolean actionValid, @Nullable ControlAction action, Configuration configuration,
			Supervisor supervisor, boolean errorFileInPlace) {
		return new Facts(child, actionValid, action, () -> {
			this.asked.add("configuration");
			return configuration;
		}, supervisor, ask("errorFile", errorFileInPlace), false);
	}

	private static Configuration valid(boolean enabled, DaemonMode mode) {
		return new Configuration(true, enabled, mode);
	}

	private BooleanSupplier ask(String fact, boolean value) {
		return () -> {
			this.asked.add(fact);
			return value;
		};
	}

}
