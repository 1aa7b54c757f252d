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
package io.github.bootd.reload;

import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * Refreshes the {@code @RefreshScope} beans after a reload that applied a change, so that
 * they are created again from the new configuration on their next use.
 * <p>
 * All of them: which keys a refresh-scoped bean reads ({@code @Value} fields, an
 * {@code Environment} it queries) cannot be known, which is also why such keys are listed
 * as needing a restart. A failed reload changed nothing, so it refreshes nothing. First
 * among the listeners after the daemon's activity, so that the application's own
 * {@link DaemonReloadedEvent} listeners already see the refreshed beans.
 *
 * @author bootd authors
 */
public class RefreshScopeRefresher implements ApplicationListener<DaemonReloadedEvent>, Ordered {

	private final RefreshScope refreshScope;

	public RefreshScopeRefresher(RefreshScope refreshScope) {
		this.refreshScope = refreshScope;
	}

	@Override
	public void onApplicationEvent(DaemonReloadedEvent event) {
		ReloadResult result = event.getResult();
		// The keys the Environment changed, not the result's: a server.port changed back
		// to where it runs is no restart key, yet a refresh-scoped @Value of it must
		// follow
		if (result.outcome() == Outcome.APPLIED && !event.getChangedKeys().isEmpty()) {
			this.refreshScope.refreshAll();
		}
	}

	@Override
	public int getOrder() {
		// Right after DaemonActivity: a refresh that throws must not keep the reload
		// uncounted
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
