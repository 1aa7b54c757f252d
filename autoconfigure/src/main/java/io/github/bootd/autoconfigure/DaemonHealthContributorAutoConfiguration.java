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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

import io.github.bootd.DaemonActivity;
import io.github.bootd.DaemonRuntime;
import io.github.bootd.actuate.health.DaemonHealthIndicator;

/**
 * Auto-configuration for the {@link DaemonHealthIndicator}, registered as the
 * {@code daemon} health contributor when the application runs as a daemon.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnBean(DaemonRuntime.class)
@ConditionalOnEnabledHealthIndicator("daemon")
public final class DaemonHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "daemonHealthIndicator")
	DaemonHealthIndicator daemonHealthIndicator(DaemonRuntime runtime, DaemonActivity activity) {
		return new DaemonHealthIndicator(runtime, activity);
	}

}
