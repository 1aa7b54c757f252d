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
package io.github.bootd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.bootd.pidfile.PidFile;
import io.github.bootd.process.NativePosix;
import io.github.bootd.settings.DaemonSettings;

/**
 * What bootd did to make this process a daemon, and the pid file it holds. Registered as
 * a bean once the application context exists.
 *
 * @author bootd authors
 */
public final class DaemonRuntime implements AutoCloseable {

	private static final AtomicReference<@Nullable DaemonRuntime> CURRENT = new AtomicReference<>();

	private final DaemonSettings settings;

	private final Supervisor supervisor;

	private final boolean detached;

	private final PidFile pidFile;

	private final @Nullable NativePosix posix;

	private final Instant startTime;

	private volatile @Nullable Duration timeToReady;

	public DaemonRuntime(DaemonSettings settings, Supervisor supervisor, boolean detached, PidFile pidFile,
			@Nullable NativePosix posix) {
		this.settings = settings;
		this.supervisor = supervisor;
		this.detached = detached;
		this.pidFile = pidFile;
		this.posix = posix;
		// ProcessHandle's start instant is only as precise as the kernel's boot time (1
		// s)
		this.startTime = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
	}

	/**
	 * Return the daemon runtime of this JVM, if bootd made it a daemon.
	 * @return the runtime or {@code null}
	 */
	public static @Nullable DaemonRuntime current() {
		return CURRENT.get();
	}

	/**
	 * Make this the daemon runtime of the JVM; a JVM is one daemon, whatever number of
	 * application contexts it starts.
	 * @return whether it became the current one
	 */
	public boolean activate() {
		return CURRENT.compareAndSet(null, this);
	}

	public DaemonSettings getSettings() {
		return this.settings;
	}

	public Supervisor getSupervisor() {
		return this.supervisor;
	}

	/**
	 * Return whether the process was re-launched detached from its launching session.
	 * @return whether the process is detached
	 */
	public boolean isDetached() {
		return this.detached;
	}

	public PidFile getPidFile() {
		return this.pidFile;
	}

	/**
	 * Return the native calls, when they were loaded to detach.
	 * @return the native calls or {@code null}
	 */
	public @Nullable NativePosix getPosix() {
		return this.posix;
	}

	public Instant getStartTime() {
		return this.startTime;
	}

	public @Nullable Duration getTimeToReady() {
		return this.timeToReady;
	}

	/**
	 * Record that the application is ready.
	 * @return the time from process start to ready
	 */
	public Duration markReady() {
		Duration duration = Duration.between(this.startTime, Instant.now());
		this.timeToReady = duration;
		return duration;
	}

	/**
	 * Remove the pid file if it is still ours and release its lock.
	 */
	@Override
	public void close() {
		try {
			this.pidFile.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove pid file " + this.pidFile.getPath(), ex);
		}
		finally {
			CURRENT.compareAndSet(this, null);
		}
	}

}
