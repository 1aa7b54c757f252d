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
package io.github.bootd.control;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bootd.reload.ReloadResult;
import io.github.bootd.upgrade.UpgradeResult;

/**
 * What a running daemon publishes about itself for the control actions: who it is, since
 * when, how it runs, and the outcome of its last reload.
 *
 * @param pid the daemon's pid
 * @param started when the daemon's JVM started
 * @param mode how it runs, such as {@code detached} ({@link RunMode#stateText()})
 * @param ready when it became ready, {@code null} while starting
 * @param lastReload the last reload, {@code null} before the first
 * @param launchCommand the command that launched the daemon, which a restart re-runs;
 * {@code null} when it was not launched detached by this version of bootd
 * @param handledSignals the signals the daemon handles (such as {@code HUP}),
 * {@code null} when not recorded (a daemon of an older version)
 * @param upgrades its upgrades, {@code null} before the first began
 * @author bootd authors
 */
public record DaemonState(long pid, Instant started, String mode, @Nullable Instant ready,
		@Nullable ReloadResult lastReload, @Nullable LaunchCommand launchCommand, @Nullable List<String> handledSignals,
		@Nullable Upgrades upgrades) {

	public DaemonState {
		handledSignals = (handledSignals != null) ? List.copyOf(handledSignals) : null;
	}

	/**
	 * Create a state without a launch record or handled signals.
	 * @param pid the daemon's pid
	 * @param started when the daemon's JVM started
	 * @param mode how it runs
	 * @param ready when it became ready, {@code null} while starting
	 * @param lastReload the last reload, {@code null} before the first
	 */
	public DaemonState(long pid, Instant started, String mode, @Nullable Instant ready,
			@Nullable ReloadResult lastReload) {
		this(pid, started, mode, ready, lastReload, null, null, null);
	}

	/**
	 * Create a state without upgrades.
	 * @param pid the daemon's pid
	 * @param started when the daemon's JVM started
	 * @param mode how it runs
	 * @param ready when it became ready, {@code null} while starting
	 * @param lastReload the last reload, {@code null} before the first
	 * @param launchCommand the command that launched the daemon
	 * @param handledSignals the signals the daemon handles
	 */
	public DaemonState(long pid, Instant started, String mode, @Nullable Instant ready,
			@Nullable ReloadResult lastReload, @Nullable LaunchCommand launchCommand,
			@Nullable List<String> handledSignals) {
		this(pid, started, mode, ready, lastReload, launchCommand, handledSignals, null);
	}

	/**
	 * A daemon's upgrades.
	 *
	 * @param successor the pid of the successor an upgrade in progress starts, 0 while it
	 * is being started, -1 when no upgrade is in progress
	 * @param generation how many upgrades led to this instance
	 * @param last the last upgrade this instance ended or was started by, {@code null}
	 * when none
	 */
	public record Upgrades(long successor, long generation, @Nullable UpgradeResult last) {

		/**
		 * Return whether an upgrade is in progress.
		 * @return whether one is
		 */
		public boolean inProgress() {
			return this.successor >= 0;
		}

	}

}
