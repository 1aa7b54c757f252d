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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.settings.ControlAction;
import io.github.bootd.control.LsbExitStatus;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.process.Detacher;
import io.github.bootd.settings.EarlyLaunchHint;
import io.github.bootd.settings.FailureAnalysisText;
import io.github.bootd.settings.ReadableConfiguration;
import io.github.bootd.process.ProcessExit;

/**
 * The first thing to run when Spring Boot starts, before logging and configuration
 * loading. In a daemon child it begins detaching, so that the native set-up overlaps the
 * application's start-up. In a launcher whose configuration {@link EarlyLaunchHint
 * probably} enables the daemon it starts the child right away and waits for it, instead
 * of first loading the configuration the child will load anyway, unless
 * {@link EarlyLaunchConfigurator} did so while logback initialized.
 *
 * @author bootd authors
 */
class EarlyLaunchRunListener implements SpringApplicationRunListener, Ordered {

	private final SpringApplication application;

	private final String[] args;

	EarlyLaunchRunListener(SpringApplication application, String[] args) {
		this.application = application;
		this.args = args;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		if (DaemonRuntime.current() != null) {
			return;
		}
		if (DaemonHandshake.current() != null) {
			bootstrapContext.registerIfAbsent(Detacher.class, InstanceSupplier.of(Detacher.begin()));
			return;
		}
		// Unless logback's initialization got there first
		EarlyLaunch.attempt(this.args, this.application.getClassLoader());
	}

	/**
	 * A control action runs once the configuration is loaded; when loading it fails (a
	 * bad deploy broke {@code application.yml}), stop, status, reload and reopen-logs
	 * still act, on what can be read: an init script's stop must stop the service, and a
	 * reload is rejected by the daemon, which keeps its running configuration. A restart
	 * cannot start what it stopped, so it says so in one paragraph and touches nothing,
	 * instead of a start-up failure report.
	 */
	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		String action = EarlyLaunchHint.requestedAction(this.args, System.getenv());
		if (context != null || DaemonHandshake.current() != null || action == null
				|| action.trim().equalsIgnoreCase("start")) {
			return;
		}
		ReadableConfiguration readable = ReadableConfiguration.load(this.args, this.application.getClassLoader());
		String problems = readable.unreadable().isEmpty() ? FailureAnalysisText.describe(exception)
				: String.join(System.lineSeparator(), readable.unreadable());
		ControlCommand.Requested requested = ControlCommand.requested(readable.environment(), System.err);
		if (!requested.valid()) {
			ProcessExit.exit(LsbExitStatus.INVALID_ARGUMENTS);
		}
		ControlAction known = requested.action();
		if (known != null && known != ControlAction.START && known != ControlAction.RESTART) {
			System.err.printf("bootd: warning: the configuration is unreadable; --daemon.action=%s looks for the"
					+ " daemon with what can be read (the command line, system properties, environment variables and"
					+ " the other configuration files):%n%s%n", known.value(), problems);
			ProcessExit.exit(DaemonEnvironmentPostProcessor.runAction(readable.environment(), this.application, known));
		}
		System.err.printf("bootd: could not perform --daemon.action=%s: the configuration could not be loaded, so"
				+ " the daemon was not looked for nor signalled (a running daemon keeps its configuration). Fix the"
				+ " configuration first:%n%s%n", action.trim(), problems);
		ProcessExit.exit(LsbExitStatus.FAILED);
	}

}
