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
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

import io.github.bootd.logging.LogReopener;
import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.signal.DaemonSignals;
import io.github.bootd.signal.SignalWorker;

/**
 * Auto-configuration that acts on the signals a daemon receives. The handlers themselves
 * are installed earlier, at start-up (see {@link DaemonSignals}).
 *
 * @author bootd authors
 */
@AutoConfiguration(after = { DaemonAutoConfiguration.class, ConfigurationReloadAutoConfiguration.class,
		LogReopenAutoConfiguration.class })
@ConditionalOnBooleanProperty("daemon.enabled")
public final class SignalAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SignalWorker daemonSignalWorker(ConfigurationReloader reloader, LogReopener reopener,
			ApplicationEventPublisher publisher) {
		return new SignalWorker(DaemonSignals.inbox(), reloader, reopener, publisher);
	}

}
