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
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.annotation.Bean;

import io.github.bootd.reload.RefreshScopeRefresher;

/**
 * Auto-configuration that refreshes Spring Cloud Context's {@code @RefreshScope} beans as
 * part of an applied reload, when the application uses Spring Cloud Context.
 *
 * @author bootd authors
 */
@AutoConfiguration(after = ConfigurationReloadAutoConfiguration.class,
		afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnClass(RefreshScope.class)
@ConditionalOnBean(RefreshScope.class)
public final class RefreshScopeReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RefreshScopeRefresher daemonRefreshScopeRefresher(RefreshScope refreshScope) {
		return new RefreshScopeRefresher(refreshScope);
	}

}
