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

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.bootd.settings.DaemonMode;
import io.github.bootd.Supervisor;
import io.github.bootd.settings.ControlAction;

/**
 * Decides what this JVM is ({@link LaunchRole}) from what it was asked (the command line,
 * environment and configuration), whether it is a launcher's child (the handshake marker)
 * and its supervisor. The decision takes two steps, because the launcher's start-up is
 * time the user waits for twice: a {@link #guess guess} while logback initializes, before
 * any configuration is loaded, which starts the daemon child a quarter of a second
 * sooner; and the {@link #decide decision} once the environment is bound, which the child
 * (or this JVM when nothing was guessed) takes again on the real configuration.
 * <p>
 * Pure: it reads nothing itself. The facts that cost something to find out are suppliers,
 * asked only when the answer depends on them, so that the guess stays as cheap as it was.
 *
 * @author bootd authors
 */
final class RoleDecision {

	private RoleDecision() {
	}

	/**
	 * Guess this JVM's role before the configuration is loaded, in a JVM that is neither
	 * a launcher's child nor a daemon already.
	 * @param facts what the command line and environment tell
	 * @return {@link LaunchRole#CONTROL_CLIENT} for a status (answered early when the
	 * configuration is certain enough), {@link LaunchRole#LAUNCHER} when the daemon child
	 * can start now, or {@code null} when only the configuration can tell
	 */
	static @Nullable LaunchRole guess(EarlyFacts facts) {
		if (facts.action() != null && facts.action().trim().equalsIgnoreCase("status")) {
			return LaunchRole.CONTROL_CLIENT;
		}
		// Other actions need the configuration (the pid file, a restart's command line);
		// a supervised JVM stays in the foreground unless the configuration says detach
		if (facts.controlAction() || facts.supervisor() != Supervisor.NONE || !facts.likelyEnabled().getAsBoolean()) {
			return null;
		}
		// A child started now runs as this JVM's user, and loads Spring Boot's
		// configuration before it could tell: as root that is allowed only when the
		// configuration certainly names no daemon.user to switch to
		if (facts.userUncertain().getAsBoolean()) {
			return null;
		}
		// Under -Xrs only the configuration can tell a detached start, which is refused
		// before any child runs (DaemonLauncher), from one in the foreground, which runs
		if (facts.signalsRefused().getAsBoolean()) {
			return null;
		}
		return LaunchRole.LAUNCHER;
	}

	/**
	 * Decide this JVM's role once its environment is prepared.
	 * @param facts what the environment, the handshake marker and the supervisor tell
	 * @return the role
	 */
	static LaunchRole decide(Facts facts) {
		// The daemon child ignores the action: its command line is the launcher's, which
		// says --daemon.action=restart when a restart starts it
		if (!facts.child()
				&& (!facts.actionValid() || (facts.action() != null && facts.action() != ControlAction.START))) {
			return LaunchRole.CONTROL_CLIENT;
		}
		Configuration configuration = facts.configuration().get();
		if (!configuration.valid()) {
			// Whoever is to report the invalid values: the child to its launcher, the
			// launcher at the terminal before anything detached, else the failed start
			if (facts.child()) {
				return LaunchRole.DAEMON_CHILD;
			}
			return detaches(configuration.mode(), facts.supervisor()) ? LaunchRole.LAUNCHER
					: LaunchRole.FOREGROUND_DAEMON;
		}
		boolean detach = configuration.enabled() && detaches(configuration.mode(), facts.supervisor());
		if (facts.child()) {
			// A JVM takes -XX:ErrorFile only when it starts: a child the launcher started
			// with a wrong guess of the pid file's directory lets it start the daemon
			// again
			if (detach) {
				return facts.errorFileInPlace().getAsBoolean() ? LaunchRole.DAEMON_CHILD : LaunchRole.UNNEEDED_CHILD;
			}
			// An upgrade's successor in the foreground of a systemd unit: the same
			// handshake, and systemd follows it once its predecessor names it
			return (configuration.enabled() && facts.successor() && facts.supervisor() == Supervisor.SYSTEMD)
					? LaunchRole.FOREGROUND_SUCCESSOR : LaunchRole.UNNEEDED_CHILD;
		}
		if (!configuration.enabled()) {
			return LaunchRole.APPLICATION;
		}
		return detach ? LaunchRole.LAUNCHER : LaunchRole.FOREGROUND_DAEMON;
	}

	/**
	 * Whether a daemon in this mode detaches under this supervisor: {@code auto} leaves
	 * the process to a supervisor that watches it.
	 * @param mode the mode
	 * @param supervisor the supervisor
	 * @return whether it detaches
	 */
	static boolean detaches(DaemonMode mode, Supervisor supervisor) {
		return mode == DaemonMode.DETACH || (mode == DaemonMode.AUTO && supervisor == Supervisor.NONE);
	}

	/**
	 * What is known before the configuration is loaded.
	 *
	 * @param action the raw {@code daemon.action} of the command line or environment
	 * @param controlAction whether any control action is asked for
	 * @param supervisor the supervisor
	 * @param likelyEnabled whether the configuration probably enables a detached daemon
	 * @param signalsRefused whether the JVM refused a handler a detached daemon needs
	 * @param userUncertain whether this JVM is root and the configuration may name a
	 * {@code daemon.user} that only the loaded configuration can apply
	 */
	record EarlyFacts(@Nullable String action, boolean controlAction, Supervisor supervisor,
			BooleanSupplier likelyEnabled, BooleanSupplier signalsRefused, BooleanSupplier userUncertain) {

	}

	/**
	 * What is known once the environment is prepared.
	 *
	 * @param child whether this JVM is a launcher's child (the handshake marker)
	 * @param actionValid whether {@code daemon.action} is a known action (ignored in a
	 * child)
	 * @param action the action, {@code null} when none is asked (ignored in a child)
	 * @param configuration the bound {@code daemon.*} configuration, asked for only when
	 * this JVM is no control client
	 * @param supervisor the supervisor
	 * @param errorFileInPlace whether the JVM's error file is in the pid file's
	 * directory, asked for only in a child that is to detach
	 * @param successor whether an upgrade started this JVM (its environment names the
	 * predecessor)
	 */
	record Facts(boolean child, boolean actionValid, @Nullable ControlAction action,
			Supplier<Configuration> configuration, Supervisor supervisor, BooleanSupplier errorFileInPlace,
			boolean successor) {

	}

	/**
	 * The part of the bound configuration the role depends on.
	 *
	 * @param valid whether every {@code daemon.*} value is valid
	 * @param enabled whether the daemon is enabled (when valid)
	 * @param mode the mode ({@code auto} when it cannot be read)
	 */
	record Configuration(boolean valid, boolean enabled, DaemonMode mode) {

	}

}
