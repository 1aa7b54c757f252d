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

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.reload.ConfigurationReloader;

/**
 * Auto-configuration for reloading the configuration files on request (HUP, the
 * actuator).
 *
 * @author bootd authors
 */
@AutoConfiguration(after = DaemonAutoConfiguration.class)
public final class ConfigurationReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConfigurationReloader daemonConfigurationReloader(ConfigurableApplicationContext context,
			ObjectProvider<DaemonRuntime> runtimeProvider) {
		DaemonRuntime runtime = runtimeProvider.getIfAvailable();
		// A detached daemon's working directory is / by now; the files were found from
		// here
		Path launchDirectory = (runtime != null) ? runtime.getSettings().launchDirectory()
				: Path.of("").toAbsolutePath();
		return new ConfigurationReloader(context, launchDirectory);
	}

}
