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
package io.github.bootd.systemd;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.DaemonProperties;

/**
 * Keeps systemd from timing out a start that is slower than the unit's
 * {@code TimeoutStartSec=} but still running ({@link StartupTimeoutExtender}), from the
 * moment the application context is being prepared until the application is ready or has
 * failed, and never beyond {@code daemon.startup-timeout} after the JVM started.
 * <p>
 * A run listener rather than a bean: the slow part of a start is the creation of the
 * beans and the web server, which the application context's own beans would not cover.
 * Active under the same conditions as the other notifications: {@code daemon.enabled}, a
 * {@code NOTIFY_SOCKET} and jnr-unixsocket on the class path.
 *
 * @author bootd authors
 */
public final class SystemdStartupRunListener implements SpringApplicationRunListener, Ordered {

	private static final Log logger = LogFactory.getLog(SystemdStartupRunListener.class);

	private static final String DATAGRAM_CHANNEL = "jnr.unixsocket.UnixDatagramChannel";

	private @Nullable NotifySocket socket;

	private @Nullable StartupTimeoutExtender extender;

	public SystemdStartupRunListener(SpringApplication application, String[] args) {
	}

	/**
	 * First: {@link #ready} must stop the extensions before Spring Boot's own listener
	 * publishes the event on which {@code READY=1} is sent.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		// Here, not in environmentPrepared: as the first listener that would run before
		// the configuration files (daemon.enabled, daemon.startup-timeout) are read
		ConfigurableEnvironment environment = context.getEnvironment();
		String address = environment.getProperty("NOTIFY_SOCKET");
		if (address == null || address.isBlank() || !ClassUtils.isPresent(DATAGRAM_CHANNEL, getClass().getClassLoader())
				|| context.getParent() != null) {
			return;
		}
		Duration timeout;
		try {
			if (!environment.getProperty(DaemonKey.ENABLED.property(), Boolean.class, false)) {
				return;
			}
			timeout = Binder.get(environment)
				.bind(DaemonKey.STARTUP_TIMEOUT.property(), Duration.class)
				.orElseGet(() -> new DaemonProperties().getStartupTimeout());
		}
		catch (RuntimeException ex) {
			// An invalid value fails the start with its own message elsewhere
			return;
		}
		try {
			NotifySocket socket = NotifySocket.open(address);
			StartupTimeoutExtender extender = new StartupTimeoutExtender(socket, jvmStart().plus(timeout),
					Clock.systemUTC());
			this.socket = socket;
			this.extender = extender;
			extender.start();
		}
		catch (IOException ex) {
			logger.warn("Could not open NOTIFY_SOCKET=" + address + " to extend systemd's start timeout: " + ex);
		}
	}

	/**
	 * When the JVM started: systemd counts its start timeout from the process' start too.
	 */
	private static Instant jvmStart() {
		return ProcessHandle.current()
			.info()
			.startInstant()
			.orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
	}

	@Override
	public void ready(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		stop();
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		stop();
	}

	private void stop() {
		StartupTimeoutExtender extender = this.extender;
		NotifySocket socket = this.socket;
		this.extender = null;
		this.socket = null;
		if (extender != null) {
			extender.stop();
		}
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Nothing is sent on it any more
			}
		}
	}

}
