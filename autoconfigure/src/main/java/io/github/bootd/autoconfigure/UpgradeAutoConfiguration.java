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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.launcher.DaemonUpgrader;
import io.github.bootd.socket.SeparateWebServers;
import io.github.bootd.socket.TomcatAcceptors;
import io.github.bootd.upgrade.Acceptors;
import io.github.bootd.upgrade.MainProcess;
import io.github.bootd.upgrade.SeparatePorts;

/**
 * Auto-configuration of the upgrade a daemon performs on USR2
 * ({@code --daemon.action=upgrade}): a successor takes its listening socket and its pid
 * file over.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
@ConditionalOnBooleanProperty("daemon.enabled")
public final class UpgradeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DaemonUpgrader daemonUpgrader(ObjectProvider<DaemonRuntime> runtime, Environment environment,
			ApplicationEventPublisher publisher, ObjectProvider<Acceptors> acceptors,
			ObjectProvider<MainProcess> mainProcess, ObjectProvider<SeparatePorts> separatePorts) {
		return new DaemonUpgrader(runtime.getIfAvailable(), environment, publisher, acceptors.getIfAvailable(),
				mainProcess.getIfAvailable(), separatePorts.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServer.class, WebServerApplicationContext.class })
	static class TomcatAcceptorsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatAcceptors daemonTomcatAcceptors(ApplicationContext context) {
			return new TomcatAcceptors(() -> (context instanceof WebServerApplicationContext web)
					&& TomcatAcceptors.supports(web.getWebServer()) ? web.getWebServer() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class SeparateWebServersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SeparateWebServers daemonSeparateWebServers() {
			return new SeparateWebServers();
		}

	}

}
