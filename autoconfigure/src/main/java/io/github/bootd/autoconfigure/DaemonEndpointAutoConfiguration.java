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
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.actuate.endpoint.DaemonEndpoint;
import io.github.bootd.actuate.endpoint.DaemonEndpointWebExtension;
import io.github.bootd.logging.LogReopener;
import io.github.bootd.reload.ConfigurationReloader;

/**
 * Auto-configuration for the {@link DaemonEndpoint}. It is also created when the
 * application is not a daemon, to say so. Over HTTP, the
 * {@link DaemonEndpointWebExtension} shows its details only as
 * {@code management.endpoint.daemon.show-details} allows.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(DaemonEndpoint.class)
@EnableConfigurationProperties(DaemonEndpointProperties.class)
public final class DaemonEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DaemonEndpoint daemonEndpoint(ObjectProvider<DaemonRuntime> runtime, DaemonActivity activity,
			ObjectProvider<ConfigurationReloader> reloader, ObjectProvider<LogReopener> reopener) {
		// Looked up when a write asks: a user may exclude either auto-configuration
		return new DaemonEndpoint(runtime.getIfAvailable(), activity, reloader::getIfAvailable,
				reopener::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(endpoint = DaemonEndpoint.class, exposure = EndpointExposure.WEB)
	DaemonEndpointWebExtension daemonEndpointWebExtension(DaemonEndpoint daemonEndpoint,
			DaemonEndpointProperties properties) {
		return new DaemonEndpointWebExtension(daemonEndpoint, properties.getShowDetails(), properties.getRoles());
	}

}
