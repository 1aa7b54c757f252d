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

package io.github.bootd.settings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for running the application as a Unix daemon.
 *
 * @author bootd authors
 */
@ConfigurationProperties("daemon")
public class DaemonProperties {

	/**
	 * Whether to run the application as a daemon.
	 */
	private boolean enabled;

	/**
	 * How to run: 'auto' stays in the foreground under a supervisor (systemd, PID 1 in a
	 * container) and detaches otherwise.
	 */
	private DaemonMode mode = DaemonMode.AUTO;

	/**
	 * Working directory of the daemon. Relative paths in bootd and logging properties are
	 * still resolved against the launch directory.
	 */
	private String workingDirectory = "/";

	/**
	 * File mode creation mask of the daemon, in octal.
	 */
	private String umask = "0022";

	/**
	 * Path of the pid file, locked for the lifetime of the process. Defaults to
	 * '$RUNTIME_DIRECTORY/<name>.pid' under systemd, else '<name>.pid' beside the
	 * application jar.
	 */
	private @Nullable String pidFile;

	/**
	 * File that the daemon's standard output and error are appended to. Defaults to
	 * '<name>.out' in the pid file's directory; '/dev/null' discards them.
	 */
	private @Nullable String outputFile;

	/**
	 * How long the launching command waits for the daemon to become ready.
	 */
	private Duration startupTimeout = Duration.ofSeconds(60);

	/**
	 * Control action to perform on the daemon found through the pid file instead of
	 * running the application, given on the command line ('--daemon.action=status').
	 */
	private @Nullable ControlAction action;

	/**
	 * How long the stop action waits for the daemon to exit after SIGTERM before it sends
	 * SIGKILL.
	 */
	private Duration stopTimeout = Duration.ofSeconds(90);

	/**
	 * User (name or uid) the daemon runs as when root starts it: the launcher starts the
	 * daemon's JVM as that user, with its groups and no other. Under systemd or in a
	 * container the process must already be that user.
	 */
	private @Nullable String user;

	/**
	 * Group (name or gid) the daemon runs with. Defaults to the primary group of
	 * 'daemon.user'.
	 */
	private @Nullable String group;

	/**
	 * Whether the daemon started as 'daemon.user' keeps the one capability to bind ports
	 * below 1024: 'auto' keeps it when server.port or management.server.port is below
	 * 1024.
	 */
	private PrivilegedPorts privilegedPorts = PrivilegedPorts.AUTO;

	/**
	 * Whether running detached as root without 'daemon.user' is meant, which silences the
	 * warning.
	 */
	private boolean allowRoot;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DaemonMode getMode() {
		return this.mode;
	}

	public void setMode(DaemonMode mode) {
		this.mode = mode;
	}

	public String getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(String workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public String getUmask() {
		return this.umask;
	}

	public void setUmask(String umask) {
		this.umask = umask;
	}

	public @Nullable String getPidFile() {
		return this.pidFile;
	}

	public void setPidFile(@Nullable String pidFile) {
		this.pidFile = pidFile;
	}

	public @Nullable String getOutputFile() {
		return this.outputFile;
	}

	public void setOutputFile(@Nullable String outputFile) {
		this.outputFile = outputFile;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public @Nullable ControlAction getAction() {
		return this.action;
	}

	public void setAction(@Nullable ControlAction action) {
		this.action = action;
	}

	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public PrivilegedPorts getPrivilegedPorts() {
		return this.privilegedPorts;
	}

	public void setPrivilegedPorts(PrivilegedPorts privilegedPorts) {
		this.privilegedPorts = privilegedPorts;
	}

	public boolean isAllowRoot() {
		return this.allowRoot;
	}

	public void setAllowRoot(boolean allowRoot) {
		this.allowRoot = allowRoot;
	}

}
