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
package io.github.bootd.control;

import java.io.IOException;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.reload.DaemonReloadedEvent;
import io.github.bootd.reload.ReloadResult;
import io.github.bootd.signal.DaemonSignals;
import io.github.bootd.upgrade.DaemonUpgradedEvent;
import io.github.bootd.upgrade.DaemonUpgradingEvent;

/**
 * Keeps the {@link DaemonStateFile} of the running daemon current: written when the
 * daemon is ready and after every reload (so that {@code --daemon.action=reload} can wait
 * for the outcome of its own reload), removed when the daemon stops.
 *
 * @author bootd authors
 */
public final class DaemonStatePublisher implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DaemonStatePublisher.class);

	private final @Nullable DaemonRuntime runtime;

	private volatile @Nullable Instant ready;

	private volatile @Nullable ReloadResult lastReload;

	private volatile boolean warned;

	private volatile DaemonState.@Nullable Upgrades upgrades;

	/**
	 * Create a publisher.
	 * @param runtime the daemon runtime, or {@code null} when bootd did not make this
	 * process a daemon (then there is no state to publish)
	 */
	public DaemonStatePublisher(@Nullable DaemonRuntime runtime) {
		this.runtime = runtime;
		if (runtime != null) {
			// A successor publishes nothing until the pid file is handed to it: until
			// then the file beside it is its predecessor's, which the actions read
			runtime.getPidFile().whenHandedOver(this::publishOnceReady);
		}
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		this.ready = Instant.now();
		publish();
	}

	@EventListener
	void onReloaded(DaemonReloadedEvent event) {
		this.lastReload = event.getResult();
		publish();
	}

	@EventListener
	void onUpgrading(DaemonUpgradingEvent event) {
		DaemonState.Upgrades upgrades = this.upgrades;
		this.upgrades = new DaemonState.Upgrades(event.getSuccessor(), (upgrades != null) ? upgrades.generation() : 0,
				(upgrades != null) ? upgrades.last() : null);
		publish();
	}

	@EventListener
	void onUpgraded(DaemonUpgradedEvent event) {
		this.upgrades = new DaemonState.Upgrades(-1, event.getGeneration(), event.getResult());
		publish();
	}

	/**
	 * For a successor whose pid file is handed over after it is ready; an instance that
	 * succeeds nobody publishes first when it is ready, as always.
	 */
	private void publishOnceReady() {
		if (this.ready != null) {
			publish();
		}
	}

	private synchronized void publish() {
		DaemonRuntime runtime = this.runtime;
		// A successor publishes once the pid file is handed to it, a predecessor no more
		// once it handed it over: the file beside it is the successor's
		if (runtime == null || runtime.getPidFile().isSucceeding() || runtime.getPidFile().isClosed()) {
			return;
		}
		DaemonState state = new DaemonState(runtime.getPidFile().getPid(), runtime.getStartTime(),
				RunMode.of(runtime).stateText(), this.ready, this.lastReload, LaunchCommand.recorded(),
				DaemonSignals.handled(), this.upgrades);
		try {
			DaemonStateFile.beside(runtime.getPidFile().getPath()).write(state);
		}
		catch (IOException | RuntimeException ex) {
			if (!this.warned) {
				this.warned = true;
				logger.warn("Could not write the daemon state file beside " + runtime.getPidFile().getPath()
						+ "; the status and reload actions will report less: " + ex);
			}
		}
	}

	@Override
	public synchronized void destroy() {
		DaemonRuntime runtime = this.runtime;
		if (runtime != null && runtime.getPidFile().isOurs()) {
			DaemonStateFile.beside(runtime.getPidFile().getPath()).delete();
		}
	}

}
