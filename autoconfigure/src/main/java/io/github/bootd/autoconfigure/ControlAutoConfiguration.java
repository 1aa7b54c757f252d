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
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.control.DaemonStatePublisher;

/**
 * Auto-configuration of what a running daemon publishes for the control actions. The
 * actions themselves run before any context exists, from the environment post-processor.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
@ConditionalOnBooleanProperty("daemon.enabled")
public final class ControlAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DaemonStatePublisher daemonStatePublisher(ObjectProvider<DaemonRuntime> runtime) {
		return new DaemonStatePublisher(runtime.getIfAvailable());
	}

}
