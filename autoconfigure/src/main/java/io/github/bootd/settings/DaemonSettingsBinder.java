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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;

import io.github.bootd.privilege.FileAccess;
import io.github.bootd.privilege.ProcessCredentials;
import io.github.bootd.privilege.ServiceAccount;
import io.github.bootd.privilege.UserSwitch;
import io.github.bootd.settings.InvalidDaemonPropertyException.Problem;

/**
 * Binds and checks the {@code daemon.*} properties before anything detaches, so that a
 * bad value is reported by the launching command instead of a daemon nobody watches.
 *
 * @author bootd authors
 */
public final class DaemonSettingsBinder {

	private static final Pattern OCTAL_UMASK = Pattern.compile("[0-7]{1,4}");

	/** What a pid file bootd may take over holds: nothing, or one pid (a stale one). */
	private static final Pattern STALE_PID = Pattern.compile("\\s*(\\d{1,19}\\s*)?");

	/**
	 * Enough of a file to tell a pid (at most 19 digits and white space) from anything
	 * else.
	 */
	private static final int PID_FILE_PEEK = 64;

	/** How much of a foreign file a message shows. */
	private static final int PID_FILE_SHOWN = 40;

	/** The output file that discards: bootd opens no file for it. */
	private static final Path DISCARD = Path.of("/dev/null");

	private final ConfigurableEnvironment environment;

	private final Binder binder;

	private final Path launchDirectory;

	private final Supplier<Path> defaultPidFile;

	private final Predicate<DaemonMode> detaches;

	private final List<Problem> problems = new ArrayList<>();

	/**
	 * Judges the files for the account the daemon is switched to, {@code null} when it
	 * runs as this process' user.
	 */
	private @Nullable FileAccess access;

	/** The user the daemon runs as, for messages. */
	private String serviceUser = System.getProperty("user.name");

	/** The only place where bootd creates a missing pid file directory for the user. */
	private static final Path RUN = Path.of("/run");

	/** Ports below this one need {@code CAP_NET_BIND_SERVICE} (ip(7)). */
	private static final int FIRST_UNPRIVILEGED_PORT = 1024;

	public DaemonSettingsBinder(ConfigurableEnvironment environment, Path launchDirectory,
			Supplier<Path> defaultPidFile) {
		this(environment, launchDirectory, defaultPidFile, (mode) -> mode != DaemonMode.FOREGROUND);
	}

	/**
	 * Create a binder for a process that knows its supervisor.
	 * @param environment the configuration
	 * @param launchDirectory the directory the application was launched from
	 * @param defaultPidFile the default pid file
	 * @param detaches whether the daemon detaches in a mode: only then is there a
	 * launcher to start it as {@code daemon.user}
	 */
	public DaemonSettingsBinder(ConfigurableEnvironment environment, Path launchDirectory,
			Supplier<Path> defaultPidFile, Predicate<DaemonMode> detaches) {
		this.detaches = detaches;
		this.environment = environment;
		this.binder = Binder.get(environment);
		this.launchDirectory = launchDirectory;
		this.defaultPidFile = defaultPidFile;
	}

	/**
	 * Bind and check every {@code daemon.*} property.
	 * @return the settings
	 * @throws InvalidDaemonPropertyException listing every value that cannot be used
	 */
	public DaemonSettings bind() {
		DaemonProperties defaults = new DaemonProperties();
		boolean enabled = bind(DaemonKey.ENABLED, Boolean.class, defaults.isEnabled(), "it is not a boolean",
				"Use true or false.");
		if (!enabled) {
			throwIfProblems();
			return new DaemonSettings(false, defaults.getMode(), this.launchDirectory, this.launchDirectory, 0,
					this.launchDirectory, null, defaults.getStartupTimeout(), null, defaults.isAllowRoot());
		}
		DaemonMode mode = bind(DaemonKey.MODE, DaemonMode.class, defaults.getMode(), "it is not a mode bootd knows",
				"Use one of auto, detach or foreground.");
		Path workingDirectory = workingDirectory(defaults.getWorkingDirectory());
		int umask = umask(defaults.getUmask());
		Duration startupTimeout = startupTimeout(defaults.getStartupTimeout());
		// Used only by the stop action, but checked here too: a value the daemon would
		// reject later must fail the start, not reach the child
		positiveDuration(DaemonKey.STOP_TIMEOUT, defaults.getStopTimeout());
		PrivilegedPorts privilegedPorts = bind(DaemonKey.PRIVILEGED_PORTS, PrivilegedPorts.class,
				defaults.getPrivilegedPorts(), "it is not a choice bootd knows", "Use one of auto, always or never.");
		boolean allowRoot = bind(DaemonKey.ALLOW_ROOT, Boolean.class, defaults.isAllowRoot(), "it is not a boolean",
				"Use true or false.");
		// Before the files: whether the daemon can write them depends on who it runs as
		UserSwitch userSwitch = userSwitch(privilegedPorts, this.detaches.test(mode));
		if (userSwitch != null) {
			this.access = FileAccess.of(userSwitch);
			this.serviceUser = userSwitch.account().name();
			launchDirectoryReachable(userSwitch);
		}
		Path pidFile = pidFile();
		Path outputFile = outputFile(pidFile);
		if (this.access != null) {
			loggingFiles();
		}
		throwIfProblems();
		return new DaemonSettings(true, mode, this.launchDirectory, workingDirectory, umask, pidFile, outputFile,
				startupTimeout, userSwitch, allowRoot);
	}

	/**
	 * Bind what the control actions need, without the checks a start makes: an operator
	 * must be able to stop a daemon whose configuration has broken since it started.
	 * @return the pid file and timeouts
	 * @throws InvalidDaemonPropertyException if a timeout cannot be used
	 */
	public ControlSettings bindControl() {
		DaemonProperties defaults = new DaemonProperties();
		String value = this.environment.getProperty(DaemonKey.PID_FILE.property());
		if (value != null && value.isBlank()) {
			problem(DaemonKey.PID_FILE, value, "it is empty",
					"Set " + DaemonKey.PID_FILE
							+ " to the daemon's pid file, or remove the property to use the default ("
							+ this.defaultPidFile.get() + ").");
		}
		Path pidFile = (value != null && !value.isBlank()) ? resolve(value) : this.defaultPidFile.get();
		Duration stopTimeout = positiveDuration(DaemonKey.STOP_TIMEOUT, defaults.getStopTimeout());
		Duration startupTimeout = startupTimeout(defaults.getStartupTimeout());
		throwIfProblems();
		return new ControlSettings(pidFile, stopTimeout, startupTimeout);
	}

	/**
	 * What the control actions need to find and wait for the daemon.
	 *
	 * @param pidFile the pid file
	 * @param stopTimeout how long stop waits after SIGTERM
	 * @param startupTimeout how long start waits for readiness, and reload for its
	 * outcome
	 */
	public record ControlSettings(Path pidFile, Duration stopTimeout, Duration startupTimeout) {

	}

	private void throwIfProblems() {
		if (!this.problems.isEmpty()) {
			throw new InvalidDaemonPropertyException(this.problems);
		}
	}

	private <T> T bind(DaemonKey name, Class<T> type, T defaultValue, String reason, String action) {
		if (isEmpty(name)) {
			// The binder reads an empty value as "not set": the user wrote something else
			problem(name, "it is empty", action + " Remove the property to use the default.");
			return defaultValue;
		}
		try {
			return this.binder.bind(name.property(), Bindable.of(type)).orElse(defaultValue);
		}
		catch (BindException ex) {
			problem(name, reason, action);
			return defaultValue;
		}
	}

	private Path workingDirectory(String defaultValue) {
		if (isEmpty(DaemonKey.WORKING_DIRECTORY)) {
			problem(DaemonKey.WORKING_DIRECTORY, "it is empty", "Set " + DaemonKey.WORKING_DIRECTORY
					+ " to an existing directory, or remove the property to use the " + "default (/).");
			return Path.of(defaultValue);
		}
		String value = raw(DaemonKey.WORKING_DIRECTORY, defaultValue);
		Path directory = resolve(value);
		if (!Files.isDirectory(directory)) {
			problem(DaemonKey.WORKING_DIRECTORY, value, "the directory " + directory + " does not exist",
					"Create the directory or point " + DaemonKey.WORKING_DIRECTORY
							+ " at an existing one (the default is /).");
		}
		else if (!Files.isExecutable(directory)) {
			problem(DaemonKey.WORKING_DIRECTORY, value, "the service user cannot enter " + directory,
					"Grant the service user search (x) permission on it or choose another directory.");
		}
		return directory;
	}

	private int umask(String defaultValue) {
		String value = raw(DaemonKey.UMASK, defaultValue).trim();
		if (!OCTAL_UMASK.matcher(value).matches() || Integer.parseInt(value, 8) > 0777) {
			problem(DaemonKey.UMASK, value, "it is not an octal file mode creation mask",
					"Write the mask in octal with up to four digits, such as 0022 (the default) or 0027.");
			return 0;
		}
		return Integer.parseInt(value, 8);
	}

	private Duration startupTimeout(Duration defaultValue) {
		return positiveDuration(DaemonKey.STARTUP_TIMEOUT, defaultValue);
	}

	private Duration positiveDuration(DaemonKey name, Duration defaultValue) {
		Duration timeout = bind(name, Duration.class, defaultValue, "it is not a duration",
				"Use a positive duration such as 60s, 2m or 90000 (milliseconds).");
		if (timeout.isNegative() || timeout.isZero()) {
			problem(name, "it must be positive", "Use a positive duration such as 60s, 2m or 90000 (milliseconds).");
			return defaultValue;
		}
		return timeout;
	}

	private Path pidFile() {
		String value = this.environment.getProperty(DaemonKey.PID_FILE.property());
		if (value != null && value.isBlank()) {
			Path defaultFile = this.defaultPidFile.get();
			problem(DaemonKey.PID_FILE, value, "it is empty",
					"Set " + DaemonKey.PID_FILE
							+ " to a file, such as /run/<service>/<service>.pid, or remove the property "
							+ "to use the default (" + defaultFile + ").");
			return defaultFile;
		}
		Path file = (value != null) ? resolve(value) : this.defaultPidFile.get();
		String shown = (value != null) ? value : file + " (the default)";
		if (createdForUser(file)) {
			// The launcher creates it for the user, as systemd's RuntimeDirectory= does
			return file;
		}
		if (checkParentDirectory(DaemonKey.PID_FILE, shown, file)) {
			Path directory = file.getParent();
			if (directory != null && isWritableByOthers(directory)) {
				// Never advise opening up or closing down a shared directory such as /tmp
				// (sticky, world-writable by design): a private directory is the fix
				problem(DaemonKey.PID_FILE, shown,
						"the directory " + directory + " is writable by other users, who could replace the pid file",
						"Use a directory only the service user can write, such as /run/<service>/ "
								+ "(systemd: RuntimeDirectory=<service>).");
			}
		}
		if (Files.isSymbolicLink(file)) {
			problem(DaemonKey.PID_FILE, shown,
					file + " is a symbolic link and bootd never follows one for its pid file",
					"Remove the link or point " + DaemonKey.PID_FILE + " at a regular file.");
		}
		else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
				problem(DaemonKey.PID_FILE, shown, file + " exists and is not a regular file",
						"Point " + DaemonKey.PID_FILE + " at a regular file.");
			}
			else if (isWritableByOthers(file)) {
				problem(DaemonKey.PID_FILE, shown, file + " is writable by other users",
						"Remove write permission for others (chmod o-w " + file + ") or delete the file.");
			}
			else if (this.access != null && !this.access.canWrite(file)) {
				problem(DaemonKey.PID_FILE, shown,
						file + " is " + FileAccess.describe(file) + ", and the daemon runs as " + this.serviceUser
								+ ", who cannot write it",
						"Remove the stale file (rm " + file + ") or give it to " + this.serviceUser + " (chown "
								+ this.serviceUser + " " + file + ").");
			}
			else {
				String content = foreignContent(file);
				if (content != null) {
					// A start truncates the pid file and a stop deletes it: whatever a
					// user wrote there (a config file named by mistake) would be lost
					problem(DaemonKey.PID_FILE, shown, file + " is not a pid file: it holds " + content,
							"Point " + DaemonKey.PID_FILE
									+ " at a file of its own, such as /run/<service>/<service>.pid; "
									+ "bootd takes over only an empty file or one that holds a single pid.");
				}
			}
		}
		return file;
	}

	/**
	 * What a file holds when it is neither empty nor a single pid (a stale pid file), as
	 * its first bytes for a message; {@code null} when bootd may take it over. Read
	 * before this process locks anything: closing a descriptor of a file drops the
	 * process' POSIX locks on it (fcntl(2)).
	 */
	private static @Nullable String foreignContent(Path file) {
		byte[] head = new byte[PID_FILE_PEEK];
		int length;
		try (InputStream input = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			length = input.readNBytes(head, 0, head.length);
		}
		catch (IOException ex) {
			// Unreadable: acquiring it reports the reason
			return null;
		}
		String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
		if (length < head.length && STALE_PID.matcher(text).matches()) {
			return null;
		}
		StringBuilder shown = new StringBuilder("'");
		int end = Math.min(length, PID_FILE_SHOWN);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				shown.append("\\n");
			}
			else if (c < ' ' || c > '~') {
				shown.append(String.format("\\x%02x", (int) c));
			}
			else {
				shown.append(c);
			}
		}
		shown.append((length > end) ? "...'" : "'");
		return shown.toString();
	}

	/**
	 * The daemon's standard output and error: by default {@code <name>.out} beside the
	 * pid file, a directory already checked to be the service's own, so that a crash's
	 * last words, an {@code OutOfMemoryError} and a {@code kill -QUIT} thread dump are
	 * kept; {@code null} for {@code /dev/null}, which must be asked for.
	 */
	private @Nullable Path outputFile(Path pidFile) {
		String value = this.environment.getProperty(DaemonKey.OUTPUT_FILE.property());
		Path defaultFile = defaultOutputFile(pidFile);
		if (value != null && value.isBlank()) {
			problem(DaemonKey.OUTPUT_FILE, value, "it is empty",
					"Set " + DaemonKey.OUTPUT_FILE
							+ " to a file, or to /dev/null to discard the output, or remove the property "
							+ "to use the default (" + defaultFile + ").");
			return defaultFile;
		}
		Path file = (value != null) ? resolve(value) : defaultFile;
		if (file.equals(DISCARD)) {
			return null;
		}
		String shown = (value != null) ? value : file + " (the default)";
		if (value != null) {
			checkParentDirectory(DaemonKey.OUTPUT_FILE, value, file);
		}
		if (Files.isDirectory(file)) {
			problem(DaemonKey.OUTPUT_FILE, shown, file + " is a directory",
					"Point " + DaemonKey.OUTPUT_FILE + " at a file, such as " + file.resolve("daemon.out") + ".");
		}
		else if (Files.exists(file) && !writable(file)) {
			problem(DaemonKey.OUTPUT_FILE, shown,
					"the service user (" + this.serviceUser + ") cannot write to " + file + ownership(file),
					"Grant the service user write permission on the file" + chownAdvice(file)
							+ " or choose another one.");
		}
		else if (!Files.exists(file) && value == null && this.access != null && file.getParent() != null
				&& Files.isDirectory(file.getParent()) && !this.access.canCreateIn(file.getParent())) {
			problem(DaemonKey.OUTPUT_FILE, shown,
					"the service user (" + this.serviceUser + ") cannot create files in " + file.getParent()
							+ ownership(file.getParent()),
					"Grant the service user write permission on " + file.getParent() + chownAdvice(file.getParent())
							+ " or set " + DaemonKey.OUTPUT_FILE + " to a file in a directory it can write.");
		}
		return file;
	}

	/**
	 * {@code <name>.out} in the pid file's directory, {@code <name>} as in the default
	 * pid file's name.
	 */
	private Path defaultOutputFile(Path pidFile) {
		String name = this.defaultPidFile.get().getFileName().toString();
		name = name.endsWith(".pid") ? name.substring(0, name.length() - ".pid".length()) : name;
		Path directory = (pidFile.getParent() != null) ? pidFile.getParent() : this.launchDirectory;
		return directory.resolve(name + ".out");
	}

	private boolean checkParentDirectory(DaemonKey property, String value, Path file) {
		Path directory = file.getParent();
		if (directory == null || !Files.isDirectory(directory)) {
			problem(property, value, "the directory " + directory + " does not exist",
					"Create it (mkdir -p " + directory + ", owned by the service user) or set " + property
							+ " to a file in an existing directory.");
			return false;
		}
		if (!canCreateIn(directory)) {
			problem(property, value,
					"the service user (" + this.serviceUser + ") cannot create files in " + directory
							+ ownership(directory),
					"Grant the service user write permission on " + directory + chownAdvice(directory) + " or set "
							+ property + " to a file in a directory it can write.");
			return false;
		}
		return true;
	}

	/**
	 * The user the daemon runs as, when root starts it: none when {@code daemon.user} is
	 * not set or names the user this process runs as already.
	 */
	private @Nullable UserSwitch userSwitch(PrivilegedPorts privilegedPorts, boolean detaches) {
		String user = this.environment.getProperty(DaemonKey.USER.property());
		String group = this.environment.getProperty(DaemonKey.GROUP.property());
		if (group != null && group.isBlank()) {
			problem(DaemonKey.GROUP, group, "it is empty",
					"Set " + DaemonKey.GROUP + " to a group, or remove it to use "
							+ "the primary group of the user that " + DaemonKey.USER + " names.");
			// Reported: the user is still checked
			group = null;
		}
		if (user == null) {
			if (group != null) {
				problem(DaemonKey.GROUP, group, "it applies only to the user that " + DaemonKey.USER + " names", "Set "
						+ DaemonKey.USER + " to the service account as well, or remove " + DaemonKey.GROUP + ".");
			}
			return null;
		}
		if (user.isBlank()) {
			problem(DaemonKey.USER, user, "it is empty",
					"Set " + DaemonKey.USER + " to the service account's name or uid, or remove the property "
							+ "to run as the user that starts the daemon.");
			return null;
		}
		ServiceAccount account = lookup(user);
		if (account == null) {
			return null;
		}
		if (account.uid() == 0) {
			problem(DaemonKey.USER, user, "it is root, and bootd never starts a daemon as root on request",
					"Name a service account (useradd --system --no-create-home --shell /usr/sbin/nologin <service>); "
							+ "to run as root, remove " + DaemonKey.USER + " and start the daemon as root (with "
							+ DaemonKey.ALLOW_ROOT + "=true to silence the warning).");
			return null;
		}
		long gid = account.gid();
		if (group != null) {
			ServiceAccount.Group found = lookupGroup(group, account);
			if (found == null) {
				return null;
			}
			gid = found.gid();
		}
		ProcessCredentials credentials = ProcessCredentials.current();
		if (credentials == null) {
			problem(DaemonKey.USER, user, "this system has no /proc/self/status to tell who this process runs as",
					"Remove " + DaemonKey.USER + " and start the daemon as the user it is to run as.");
			return null;
		}
		if (credentials.euid() == account.uid() && (group == null || credentials.egid() == gid)) {
			// Already that user: nothing to switch
			return null;
		}
		if (!credentials.root()) {
			String self = ServiceAccount.userName(credentials.euid());
			problem(DaemonKey.USER, user,
					"this process runs as " + self + " (uid " + credentials.euid() + "), and only root can start "
							+ "the daemon as " + account.name() + describeGroup(group, gid),
					"Start it as root, which bootd switches to " + account.name() + " before the daemon's JVM starts; "
							+ "or as " + account.name() + " itself (under systemd: User=" + account.name()
							+ " in the unit; in a container: USER " + account.name() + "); or remove " + DaemonKey.USER
							+ " to run as " + self + ".");
			return null;
		}
		if (!detaches) {
			problem(DaemonKey.USER, user,
					"the daemon runs in the foreground as root, where no launcher starts it as " + account.name()
							+ " (bootd switches users only when it detaches)",
					"Have the supervisor start it as " + account.name() + ": under systemd, User=" + account.name()
							+ " in the unit (and AmbientCapabilities=CAP_NET_BIND_SERVICE for a port below 1024); "
							+ "in a container, USER " + account.name() + " in the image or --user; or use "
							+ DaemonKey.MODE + "=detach.");
			return null;
		}
		if (UserSwitch.setpriv().isEmpty()) {
			problem(DaemonKey.USER, user,
					"util-linux's setpriv, which starts the daemon as " + account.name() + ", is not installed",
					"Install util-linux's setpriv (/usr/bin/setpriv), or start the daemon as " + account.name()
							+ " (runuser -u " + account.name() + " -- ...) and remove " + DaemonKey.USER + ".");
			return null;
		}
		return new UserSwitch(account, gid, netBindService(privilegedPorts));
	}

	private @Nullable ServiceAccount lookup(String user) {
		try {
			ServiceAccount account = ServiceAccount.lookup(user);
			if (account == null) {
				problem(DaemonKey.USER, user, "there is no such user",
						"Create the service account (useradd --system --no-create-home --shell /usr/sbin/nologin "
								+ user.trim() + ") or set " + DaemonKey.USER + " to an existing user's name or uid.");
			}
			return account;
		}
		catch (IOException | RuntimeException ex) {
			problem(DaemonKey.USER, user, "the user cannot be looked up (" + ex.getMessage() + ")",
					"Check that getent passwd " + user.trim() + " answers.");
			return null;
		}
	}

	private ServiceAccount.@Nullable Group lookupGroup(String group, ServiceAccount account) {
		String primary = "remove it to use " + account.name() + "'s primary group ("
				+ ServiceAccount.groupName(account.gid()) + ")";
		try {
			ServiceAccount.Group found = ServiceAccount.lookupGroup(group);
			if (found == null) {
				problem(DaemonKey.GROUP, group, "there is no such group", "Create it (groupadd --system " + group.trim()
						+ "), set " + DaemonKey.GROUP + " to an existing group, or " + primary + ".");
			}
			else if (found.gid() == 0) {
				problem(DaemonKey.GROUP, group, "it is root's group, which the daemon must not keep",
						"Set " + DaemonKey.GROUP + " to a group of its own, or " + primary + ".");
				return null;
			}
			return found;
		}
		catch (IOException | RuntimeException ex) {
			problem(DaemonKey.GROUP, group, "the group cannot be looked up (" + ex.getMessage() + ")",
					"Check that getent group " + group.trim() + " answers.");
			return null;
		}
	}

	private static String describeGroup(@Nullable String group, long gid) {
		return (group != null) ? " and group " + ServiceAccount.groupName(gid) : "";
	}

	/**
	 * Whether to keep the one capability a port below 1024 needs: {@code auto} looks at
	 * the ports as this process' configuration sees them, which is what the daemon binds
	 * unless code sets another ({@code always} is for that).
	 */
	private boolean netBindService(PrivilegedPorts privilegedPorts) {
		return switch (privilegedPorts) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> privileged("server.port") || privileged("management.server.port");
		};
	}

	private boolean privileged(String portProperty) {
		try {
			Integer port = this.binder.bind(portProperty, Integer.class).orElse(null);
			return port != null && port > 0 && port < FIRST_UNPRIVILEGED_PORT;
		}
		catch (BindException ex) {
			// Spring Boot reports the invalid port when the server starts
			return false;
		}
	}

	/**
	 * The daemon's JVM starts in the launch directory (it resolves relative paths against
	 * it): the user must be able to enter it, or the JVM cannot even find its working
	 * directory.
	 */
	private void launchDirectoryReachable(UserSwitch userSwitch) {
		FileAccess access = FileAccess.of(userSwitch);
		Path blocked = access.unsearchable(this.launchDirectory);
		if (blocked != null) {
			String name = userSwitch.account().name();
			problem(DaemonKey.USER, raw(DaemonKey.USER, name),
					name + " cannot enter " + blocked + " (" + FileAccess.describe(blocked) + "), on the way to "
							+ this.launchDirectory + ", the directory the daemon is launched from",
					"Start the daemon from a directory " + name + " can enter (such as /, with absolute paths in its "
							+ "configuration), or grant " + name + " search permission on " + blocked + ".");
		}
	}

	/**
	 * Whether the pid file's directory is one bootd creates for the user: missing,
	 * directly under {@code /run}, and the daemon switched to a user.
	 */
	private boolean createdForUser(Path pidFile) {
		Path directory = pidFile.getParent();
		return this.access != null && directory != null && RUN.equals(directory.getParent())
				&& !Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(RUN);
	}

	/**
	 * The log files Spring Boot opens in the daemon, as the daemon's user: a relative one
	 * is resolved against the launch directory, beside the launcher's own files.
	 */
	private void loggingFiles() {
		FileAccess access = this.access;
		if (access == null) {
			return;
		}
		String name = this.environment.getProperty("logging.file.name");
		if (name != null && !name.isBlank()) {
			Path file = resolve(name);
			if (Files.exists(file) ? !access.canWrite(file) : !canCreateIn(existingAncestor(file))) {
				Path blocked = Files.exists(file) ? file : existingAncestor(file);
				problem("logging.file.name", name,
						"the daemon's user (" + this.serviceUser + ") cannot write " + file + ": " + blocked + " is "
								+ FileAccess.describe(blocked),
						"Give " + blocked + " to " + this.serviceUser + " (chown " + this.serviceUser + " " + blocked
								+ ") or set logging.file.name to a file it can write.");
			}
		}
		String path = this.environment.getProperty("logging.file.path");
		if ((name == null || name.isBlank()) && path != null && !path.isBlank()) {
			Path directory = resolve(path);
			Path blocked = existingAncestor(directory.resolve("spring.log"));
			if (!canCreateIn(blocked)) {
				problem("logging.file.path", path,
						"the daemon's user (" + this.serviceUser + ") cannot create its log file in " + directory + ": "
								+ blocked + " is " + FileAccess.describe(blocked),
						"Give " + blocked + " to " + this.serviceUser + " (chown " + this.serviceUser + " " + blocked
								+ ") or set logging.file.path to a directory it can write.");
			}
		}
	}

	/** The file's nearest ancestor that exists, where a missing directory is created. */
	private static Path existingAncestor(Path file) {
		Path directory = file.getParent();
		while (directory != null && !Files.exists(directory)) {
			directory = directory.getParent();
		}
		return (directory != null) ? directory : Path.of("/");
	}

	private boolean canCreateIn(Path directory) {
		return (this.access != null) ? this.access.canCreateIn(directory) : Files.isWritable(directory);
	}

	private boolean writable(Path file) {
		return (this.access != null) ? this.access.canWrite(file) : Files.isWritable(file);
	}

	/** The owner and mode a message names, when the daemon runs as another user. */
	private String ownership(Path path) {
		return (this.access != null) ? " (" + FileAccess.describe(path) + ")" : "";
	}

	private String chownAdvice(Path path) {
		return (this.access != null) ? " (chown " + this.serviceUser + " " + path + ")" : "";
	}

	private boolean isWritableByOthers(Path path) {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
			return permissions.contains(PosixFilePermission.OTHERS_WRITE);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private Path resolve(String value) {
		return this.launchDirectory.resolve(value.trim()).normalize();
	}

	private boolean isEmpty(DaemonKey name) {
		ConfigurationProperty property = find(name);
		return property != null && property.getValue() != null && String.valueOf(property.getValue()).isBlank();
	}

	private String raw(DaemonKey name, String defaultValue) {
		ConfigurationProperty property = find(name);
		return (property != null && property.getValue() != null) ? String.valueOf(property.getValue()) : defaultValue;
	}

	private void problem(DaemonKey name, String reason, String action) {
		problem(name, raw(name, ""), reason, action);
	}

	private void problem(DaemonKey name, String value, String reason, String action) {
		problem(name.property(), value, reason, action);
	}

	private void problem(String name, String value, String reason, String action) {
		ConfigurationProperty property = find(name);
		Origin origin = (property != null) ? property.getOrigin() : null;
		this.problems.add(new Problem(name, value, (origin != null) ? origin.toString() : "", reason, action));
	}

	private @Nullable ConfigurationProperty find(DaemonKey name) {
		return find(name.property());
	}

	private @Nullable ConfigurationProperty find(String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
