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
package io.github.bootd.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jnr.unixsocket.UnixDatagramChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.systemd.NotifySocket;
import io.github.bootd.systemd.SystemdNotifier;
import io.github.bootd.systemd.SystemdWatchdog;

/**
 * Auto-configuration of systemd notifications when systemd gave the service a
 * {@code NOTIFY_SOCKET} ({@code Type=notify}, {@code Type=notify-reload}).
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
@ConditionalOnClass(UnixDatagramChannel.class)
@ConditionalOnBooleanProperty("daemon.enabled")
@Conditional(SystemdNotifyAutoConfiguration.OnNotifySocketCondition.class)
public final class SystemdNotifyAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	NotifySocket systemdNotifySocket(Environment environment) throws IOException {
		return NotifySocket.open(environment.getRequiredProperty("NOTIFY_SOCKET"));
	}

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier systemdNotifier(NotifySocket socket, ObjectProvider<DaemonRuntime> runtime) {
		return new SystemdNotifier(socket, runtime.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnWatchdogCondition.class)
	SystemdWatchdog systemdWatchdog(NotifySocket socket, Environment environment) {
		Duration interval = watchdogInterval(environment);
		Assert.state(interval != null, "The watchdog condition matched without an interval");
		return new SystemdWatchdog(socket, interval);
	}

	private static @Nullable Duration watchdogInterval(Environment environment) {
		Map<String, String> variables = new HashMap<>();
		for (String name : new String[] { "WATCHDOG_USEC", "WATCHDOG_PID" }) {
			String value = environment.getProperty(name);
			if (value != null) {
				variables.put(name, value);
			}
		}
		return SystemdWatchdog.interval(variables, ProcessHandle.current().pid());
	}

	static final class OnNotifySocketCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("systemd notify socket");
			String socket = context.getEnvironment().getProperty("NOTIFY_SOCKET");
			if (socket == null || socket.isBlank()) {
				return ConditionOutcome.noMatch(message.didNotFind("NOTIFY_SOCKET").atAll());
			}
			return ConditionOutcome.match(message.found("NOTIFY_SOCKET").items(socket));
		}

	}

	static final class OnWatchdogCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("systemd watchdog");
			if (watchdogInterval(context.getEnvironment()) == null) {
				return ConditionOutcome
					.noMatch(message.because("WATCHDOG_USEC is not set, or WATCHDOG_PID names another process"));
			}
			return ConditionOutcome.match(message.found("WATCHDOG_USEC")
				.items(context.getEnvironment().getRequiredProperty("WATCHDOG_USEC")));
		}

	}

}
