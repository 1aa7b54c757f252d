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
package io.github.bootd.signal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

import io.github.bootd.logging.LogReopener;
import io.github.bootd.reload.ConfigurationReloader;
import io.github.bootd.signal.SignalInbox.Work;

/**
 * Carries out what signals ask for, one request at a time, on its own thread.
 * <p>
 * Starts when the application is ready: a reload needs the whole context, and a HUP
 * received during start-up waits in the {@link SignalInbox} until then. A reload is
 * followed by a log reopen, so that one HUP from logrotate's {@code postrotate} does
 * both, in the order users of syslogd and nginx expect.
 *
 * @author bootd authors
 */
public final class SignalWorker implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SignalWorker.class);

	/** Long enough for a reload in progress at shutdown to finish its file work. */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final SignalInbox inbox;

	private final ConfigurationReloader reloader;

	private final LogReopener reopener;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	private @Nullable Thread thread;

	public SignalWorker(SignalInbox inbox, ConfigurationReloader reloader, LogReopener reopener,
			ApplicationEventPublisher publisher) {
		this.inbox = inbox;
		this.reloader = reloader;
		this.reopener = reopener;
		this.publisher = publisher;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.thread != null) {
			return;
		}
		DaemonSignals.takeProblems().forEach(logger::warn);
		this.running = true;
		Thread thread = new Thread(this::run, "bootd-signals");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	private void run() {
		while (this.running) {
			try {
				Work work = this.inbox.take(1, TimeUnit.SECONDS);
				if (work != null && this.running) {
					perform(work);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | LinkageError ex) {
				// The daemon must outlive a failed reload or reopen: both report their
				// own failures, this is for the unexpected
				logger.error("Could not act on a signal", ex);
			}
		}
	}

	private void perform(Work work) {
		// Here, not in the handler: listeners must not run on the JVM's signal thread
		work.received().forEach((name) -> this.publisher.publishEvent(new DaemonSignalReceivedEvent(this, name)));
		if (work.reload()) {
			this.reloader.reload();
		}
		if (work.reopenLogs()) {
			this.reopener.reopen();
		}
		if (work.upgrade()) {
			// Whoever upgrades runs on its own thread: reloads and reopens go on
			// meanwhile
			this.publisher.publishEvent(new DaemonUpgradeRequestedEvent(this));
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread thread;
		synchronized (this) {
			this.running = false;
			thread = this.thread;
		}
		if (thread != null) {
			// Not interrupted: an interrupt closes NIO channels a reload may be reading
			this.inbox.wake();
			thread.join(STOP_TIMEOUT.toMillis());
		}
	}

}
