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

import java.util.Optional;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.bootd.socket.InheritedSocket;
import io.github.bootd.socket.InheritedSocketDrain;
import io.github.bootd.socket.InheritedSocketJettyCustomizer;
import io.github.bootd.socket.InheritedSocketTomcatCustomizer;
import io.github.bootd.socket.InheritedSocketWebServerCheck;
import io.github.bootd.upgrade.Acceptors;

/**
 * Auto-configuration of the web server when standard input is a listening TCP socket
 * (socket activation, an upgrade): the server serves on that socket instead of binding
 * {@code server.port}.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
@ConditionalOnBooleanProperty("daemon.enabled")
@Conditional(InheritedSocketAutoConfiguration.OnInheritedSocketCondition.class)
public final class InheritedSocketAutoConfiguration {

	@Bean
	InheritedSocket inheritedSocket() {
		return InheritedSocket.onStandardInput()
			.orElseThrow(() -> new IllegalStateException("Standard input is no longer a listening socket"));
	}

	@Bean
	@ConditionalOnMissingBean
	InheritedSocketWebServerCheck inheritedSocketWebServerCheck(InheritedSocket socket) {
		return new InheritedSocketWebServerCheck(socket);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InheritedSocketTomcatCustomizer inheritedSocketTomcatCustomizer(InheritedSocket socket) {
			return new InheritedSocketTomcatCustomizer(socket);
		}

		@Bean
		@ConditionalOnMissingBean
		InheritedSocketDrain inheritedSocketDrain(InheritedSocket socket, ObjectProvider<Acceptors> acceptors) {
			return new InheritedSocketDrain(socket, acceptors);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ServerConnector.class, ConfigurableJettyWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InheritedSocketJettyCustomizer inheritedSocketJettyCustomizer(InheritedSocket socket) {
			return new InheritedSocketJettyCustomizer(socket);
		}

	}

	static final class OnInheritedSocketCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("inherited listening socket");
			Optional<InheritedSocket> socket = InheritedSocket.onStandardInput();
			if (socket.isEmpty()) {
				return ConditionOutcome.noMatch(message.because("standard input is not a listening TCP socket"));
			}
			return ConditionOutcome.match(message.found("listening socket on standard input").items(socket.get()));
		}

	}

}
