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
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import io.github.bootd.reload.ReloadResult;
import io.github.bootd.upgrade.UpgradeResult;
import io.github.bootd.reload.ReloadResult.Outcome;

/**
 * The file beside the pid file ({@code sample.pid} → {@code sample.state}) through which
 * a daemon publishes its {@link DaemonState} to the control actions of other processes.
 * <p>
 * A file rather than a Unix socket: the reader is a short-lived JVM (or a shell script)
 * that must stay cheap, a file needs no listening thread in the daemon and gets the same
 * protection as the pid file from its directory, and it can be read when the daemon is
 * busy or stuck. The daemon cannot publish through the pid file itself: opening it by its
 * path a second time and closing that descriptor would drop the process' POSIX lock
 * (fcntl(2)). It is replaced atomically (a temporary file renamed over it, rename(2)), so
 * a reader sees the whole old or the whole new state, never a half-written one. Readers
 * trust it only while its pid is the one holding the pid file's lock.
 *
 * @author bootd authors
 */
public final class DaemonStateFile {

	private final Path path;

	private DaemonStateFile(Path path) {
		this.path = path;
	}

	/**
	 * Return the state file that belongs to a pid file.
	 * @param pidFile the pid file
	 * @return its state file
	 */
	public static DaemonStateFile beside(Path pidFile) {
		String name = pidFile.getFileName().toString();
		String base = name.endsWith(".pid") ? name.substring(0, name.length() - 4) : name;
		return new DaemonStateFile(pidFile.resolveSibling(base + ".state"));
	}

	public Path getPath() {
		return this.path;
	}

	/**
	 * Replace the file's content atomically.
	 * @param state the state to publish
	 * @throws IOException if the file cannot be written
	 */
	public void write(DaemonState state) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("pid", Long.toString(state.pid()));
		properties.setProperty("started", state.started().toString());
		properties.setProperty("mode", state.mode());
		if (state.ready() != null) {
			properties.setProperty("ready", state.ready().toString());
		}
		ReloadResult reload = state.lastReload();
		if (reload != null) {
			properties.setProperty("reload.generation", Long.toString(reload.generation()));
			properties.setProperty("reload.time", reload.time().toString());
			properties.setProperty("reload.duration", reload.duration().toString());
			properties.setProperty("reload.outcome", reload.applied() ? "applied" : "failed");
			properties.setProperty("reload.applied-keys", String.join(",", reload.appliedKeys()));
			properties.setProperty("reload.restart-keys", String.join(",", reload.restartKeys()));
			if (reload.error() != null) {
				properties.setProperty("reload.error", reload.error());
			}
		}
		if (state.launchCommand() != null) {
			state.launchCommand().store(properties);
		}
		if (state.handledSignals() != null) {
			// What the actions check before they signal: one the daemon cannot handle
			// kills it
			properties.setProperty("signals.handled", String.join(",", state.handledSignals()));
		}
		DaemonState.Upgrades upgrades = state.upgrades();
		if (upgrades != null) {
			properties.setProperty("upgrade.successor", Long.toString(upgrades.successor()));
			properties.setProperty("upgrade.generation", Long.toString(upgrades.generation()));
			UpgradeResult last = upgrades.last();
			if (last != null) {
				properties.setProperty("upgrade.time", last.time().toString());
				properties.setProperty("upgrade.duration", last.duration().toString());
				properties.setProperty("upgrade.outcome", last.outcome());
				properties.setProperty("upgrade.predecessor", Long.toString(last.predecessor()));
				properties.setProperty("upgrade.successor-pid", Long.toString(last.successor()));
				if (last.error() != null) {
					properties.setProperty("upgrade.error", last.error());
				}
			}
		}
		StringWriter text = new StringWriter();
		properties.store(text, "bootd daemon state, replaced by the daemon; see docs/control.md");
		// Reload errors can quote configuration: readable by the service user and its
		// group
		Path temporary = Files.createTempFile(this.path.getParent(), "." + this.path.getFileName(), ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
		try {
			Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
			Files.move(temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Read the published state.
	 * @return the state, or {@code null} when there is none (or it is unreadable)
	 * @throws AccessDeniedException if the file exists but this user may not read it
	 */
	public @Nullable DaemonState read() throws AccessDeniedException {
		String text;
		try {
			if (Files.isSymbolicLink(this.path)) {
				return null;
			}
			text = Files.readString(this.path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (AccessDeniedException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return null;
		}
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(text));
			return parse(properties);
		}
		catch (IOException | RuntimeException ex) {
			// Not ours, or from another version: the actions work without it
			return null;
		}
	}

	/**
	 * Remove the file, if it is there.
	 */
	public void delete() {
		try {
			if (Files.exists(this.path, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(this.path)) {
				Files.deleteIfExists(this.path);
			}
		}
		catch (IOException ex) {
			// Harmless: a stale state is ignored, its pid holds no lock
		}
	}

	private static DaemonState parse(Properties properties) {
		ReloadResult reload = null;
		String generation = properties.getProperty("reload.generation");
		if (generation != null) {
			reload = new ReloadResult(Long.parseLong(generation), Instant.parse(properties.getProperty("reload.time")),
					Duration.parse(properties.getProperty("reload.duration")),
					"applied".equals(properties.getProperty("reload.outcome")) ? Outcome.APPLIED : Outcome.FAILED,
					list(properties.getProperty("reload.applied-keys")),
					list(properties.getProperty("reload.restart-keys")), properties.getProperty("reload.error"));
		}
		DaemonState.Upgrades upgrades = null;
		String successor = properties.getProperty("upgrade.successor");
		if (successor != null) {
			UpgradeResult last = null;
			String time = properties.getProperty("upgrade.time");
			if (time != null) {
				last = new UpgradeResult(Instant.parse(time),
						Duration.parse(properties.getProperty("upgrade.duration")),
						"upgraded".equals(properties.getProperty("upgrade.outcome")),
						Long.parseLong(properties.getProperty("upgrade.predecessor")),
						Long.parseLong(properties.getProperty("upgrade.successor-pid")),
						properties.getProperty("upgrade.error"));
			}
			upgrades = new DaemonState.Upgrades(Long.parseLong(successor),
					Long.parseLong(properties.getProperty("upgrade.generation", "0")), last);
		}
		String ready = properties.getProperty("ready");
		String handledSignals = properties.getProperty("signals.handled");
		return new DaemonState(Long.parseLong(properties.getProperty("pid")),
				Instant.parse(properties.getProperty("started")), properties.getProperty("mode"),
				(ready != null) ? Instant.parse(ready) : null, reload, LaunchCommand.load(properties),
				(handledSignals != null) ? list(handledSignals) : null, upgrades);
	}

	private static List<String> list(@Nullable String value) {
		return (value == null || value.isEmpty()) ? List.of() : Arrays.asList(value.split(","));
	}

}
