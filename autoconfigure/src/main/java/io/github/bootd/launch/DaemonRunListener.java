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

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.launch.handshake.DaemonHandshake.Kind;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.pidfile.DaemonAlreadyRunningException;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.pidfile.PidFileGuard;
import io.github.bootd.signal.DaemonSignals;
import io.github.bootd.settings.FailureAnalysisText;

/**
 * Drives the daemon through the rest of Spring Boot's start-up: takes the pid file's lock
 * once logging works (so a refusal is logged where the user looks), and reports readiness
 * or failure to the waiting launcher.
 *
 * @author bootd authors
 */
class DaemonRunListener implements SpringApplicationRunListener, Ordered {

	private @Nullable DaemonRuntime runtime;

	DaemonRunListener(SpringApplication application, String[] args) {
	}

	/**
	 * Run after Spring Boot's own listener, which loads the configuration files and
	 * initializes logging.
	 */
	@Override
	public int getOrder() {
		return 1;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		DaemonLaunch launch = bootstrapContext.getOrElse(DaemonLaunch.class, null);
		if (launch == null || DaemonRuntime.current() != null) {
			return;
		}
		if (launch.problem() != null) {
			throw launch.problem();
		}
		// A launch holds either settings or the problem, and the problem was thrown above
		DaemonSettings settings = Objects.requireNonNull(launch.settings());
		PidFile pidFile = launch.pidFile();
		// Before the pid file is written: a HUP sent as soon as it is readable must not
		// kill the daemon (the child installed them already, this covers the foreground)
		DaemonSignals.install(launch.posix());
		try {
			if (pidFile == null) {
				pidFile = PidFile.acquire(settings.pidFile());
				SpringApplication.getShutdownHandlers().add(pidFile::closeQuietly);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Could not write the pid file " + settings.pidFile() + " (daemon.pid-file): " + ex.getMessage(),
					ex);
		}
		DaemonRuntime runtime = new DaemonRuntime(settings, launch.supervisor(), launch.detached(), pidFile,
				launch.posix());
		runtime.activate();
		this.runtime = runtime;
		// Once logging works, so that a restore's WARN lands in the log
		PidFileGuard.start(pidFile);
		// Shutdown handlers run after every application context has closed: the pid file
		// goes last, when the service has really stopped
		SpringApplication.getShutdownHandlers().add(runtime::close);
		bootstrapContext.addCloseListener(
				(event) -> event.getApplicationContext().getBeanFactory().registerSingleton("daemonRuntime", runtime));
	}

	@Override
	public void ready(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		if (this.runtime == null) {
			return;
		}
		Duration timeToReady = this.runtime.markReady();
		DaemonHandshake handshake = DaemonHandshake.current();
		if (handshake != null) {
			handshake.send(Kind.READY, Long.toString(timeToReady.toMillis()));
			handshake.close();
		}
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		if (this.runtime != null) {
			this.runtime.close();
		}
		DaemonHandshake handshake = DaemonHandshake.current();
		if (handshake != null) {
			if (exception instanceof DaemonAlreadyRunningException running) {
				handshake.send(Kind.RUNNING, String.valueOf(running.getPid()));
			}
			else {
				handshake.send(Kind.FAILED, FailureAnalysisText.describe(exception));
			}
		}
	}

}
