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
package io.github.bootd.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control actions ({@code --daemon.action=...}) against the real packaged daemon:
 * every LSB exit status, read from the process the way an init script sees it, with the
 * truth checked in {@code /proc}.
 *
 * @author bootd authors
 */
class ControlActionIT {

	/**
	 * The unprivileged user of Debian's base system, for the insufficient-privilege
	 * codes.
	 */
	private static final String NOBODY = "65534";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void actionsWhenDaemonRunsThenStopsShouldExitWithLsbStatuses() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		writeConfig("first");
		Launch notRunning = action(daemon, "status");
		assertThat(notRunning.exitCode()).as(notRunning.output()).isEqualTo(3);
		assertThat(notRunning.stdout()).contains("sample is not running (no pid file " + daemon.pidFile() + ")");
		assertThat(action(daemon, "reload").exitCode()).as("reload of a stopped service").isEqualTo(7);
		assertThat(action(daemon, "reopen-logs").exitCode()).isEqualTo(7);
		Launch stopStopped = action(daemon, "stop");
		assertThat(stopStopped.exitCode()).as(stopStopped.output()).isZero();
		assertThat(stopStopped.stdout()).contains("sample was not running");
		assertThat(daemon.pidFile()).as("a control action never starts the application").doesNotExist();

		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		assertThat(ProcFacts.of(pid).holdsWriteLock(daemon.pidFile())).isTrue();
		Launch again = action(daemon, "start");
		assertThat(again.exitCode()).as("start of a running service, " + again.output()).isZero();
		assertThat(again.stdout()).contains("already running");
		assertThat(daemon.pid()).isEqualTo(pid);

		Launch status = action(daemon, "status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		// Up "59s", or "1m19s" on a loaded machine
		assertThat(status.stdout())
			.containsPattern("sample is running: pid " + pid + ", up (\\d+s|\\d+m\\d\\ds), detached, no reload yet");

		writeConfig("second");
		Launch reload = action(daemon, "reload");
		assertThat(reload.exitCode()).as(reload.output()).isZero();
		assertThat(reload.stdout()).contains("Reloaded sample (pid " + pid + "): reload #1 applied")
			.contains("applied live: [sample.greeting.message]");
		// Returned after the reload, not after the signal: the new value is served
		// already
		assertThat(daemon.get("/greeting").body()).isEqualTo("second");

		// The control command reads the configuration too, but not the logging levels
		Files.writeString(config(), configText("third") + "  level:\n    io.github.bootd.sample: LOUD\n");
		Launch rejected = action(daemon, "reload");
		assertThat(rejected.exitCode()).as(rejected.output()).isEqualTo(1);
		assertThat(rejected.stderr()).contains("rejected reload #2 and keeps its running configuration")
			.contains("logging.level.io.github.bootd.sample='LOUD'");
		assertThat(daemon.get("/greeting").body()).isEqualTo("second");
		assertThat(action(daemon, "status").stdout()).contains("last reload #2 rejected");

		Files.writeString(config(), "sample:\n  greeting:\n    message: third\n   broken: [\n");
		// The action still finds the daemon; the daemon rejects the file and keeps
		// running
		Launch unreadable = action(daemon, "reload");
		assertThat(unreadable.exitCode()).as(unreadable.output()).isEqualTo(1);
		assertThat(unreadable.stderr()).contains("warning: the configuration is unreadable")
			.contains(config() + ", line 4, column 4: expected <block end>")
			.contains("rejected reload #3 and keeps its running configuration: " + config() + ": ")
			.contains("line 4, column 4");
		assertThat(daemon.get("/greeting").body()).isEqualTo("second");
		writeConfig("second");

		// What logrotate does: rename the log, then ask for a reopen. The kernel shows
		// where each descriptor points, renamed file or fresh one
		Path log = this.directory.resolve("app.log");
		Path rotated = this.directory.resolve("app.log.1");
		Files.move(log, rotated);
		assertThat(openFiles(pid)).as("the log descriptor follows the rename")
			.contains(rotated.toString())
			.doesNotContain(log.toString());
		Launch reopen = action(daemon, "reopen-logs");
		assertThat(reopen.exitCode()).as(reopen.output()).isZero();
		SignalledDaemon.await(() -> openFiles(pid),
				(files) -> files.contains(log.toString()) && !files.contains(rotated.toString()),
				"the daemon's descriptors to move from " + rotated + " to a fresh " + log);
		assertThat(Files.getAttribute(log, "unix:ino")).as("a fresh file at the original path")
			.isNotEqualTo(Files.getAttribute(rotated, "unix:ino"));
		assertThat(openInodes(pid)).contains(Files.getAttribute(log, "unix:ino"))
			.doesNotContain(Files.getAttribute(rotated, "unix:ino"));

		Launch stop = action(daemon, "stop");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(stop.stdout()).containsPattern("Stopped sample \\(pid " + pid + "\\) in \\d+\\.\\d\\d s");
		// The action returns only once the process is gone and its files with it
		assertThat(ProcFacts.isAlive(pid)).isFalse();
		assertThat(daemon.pidFile()).doesNotExist();
		assertThat(this.directory.resolve("sample.state")).doesNotExist();
		assertThat(action(daemon, "status").exitCode()).isEqualTo(3);
		assertThat(action(daemon, "reload").exitCode()).isEqualTo(7);
	}

	@Test
	void actionsWhenConfigurationIsUnreadableShouldWarnAndStillFindAndActOnTheDaemon() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		writeConfig("first");
		// The pid file named only by a file that stays readable, as a deployment would
		Files.createDirectory(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.properties"), "daemon.pid-file=sample.pid\n");
		Launch start = withoutPidFileArgument(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();

		// A bad deploy: application.yml no longer parses
		Files.writeString(config(), "sample:\n  greeting:\n    message: third\n   broken: [\n");
		String warning = "bootd: warning: the configuration is unreadable";
		String where = config() + ", line 4, column 4: expected <block end>";
		Launch status = withoutPidFileArgument(daemon, "status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.stdout()).contains("sample is running: pid " + pid);
		assertThat(status.stderr()).contains(warning).contains(where);
		Launch reopen = withoutPidFileArgument(daemon, "reopen-logs");
		assertThat(reopen.exitCode()).as(reopen.output()).isZero();
		assertThat(reopen.stdout()).contains("Asked sample (pid " + pid + ") to reopen its log files");
		assertThat(reopen.stderr()).contains(warning).contains(where);

		Launch stop = withoutPidFileArgument(daemon, "stop");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(stop.stdout()).contains("Stopped sample (pid " + pid + ")");
		assertThat(stop.stderr()).contains(warning).contains(where);
		assertThat(ProcFacts.isAlive(pid)).isFalse();
		assertThat(daemon.pidFile()).doesNotExist();
		Launch stopped = withoutPidFileArgument(daemon, "status");
		assertThat(stopped.exitCode()).as("LSB: not running, " + stopped.output()).isEqualTo(3);
		assertThat(stopped.stderr()).contains(where);

		// What would start cannot: restart and start refuse, and name the line
		Launch restart = withoutPidFileArgument(daemon, "restart");
		assertThat(restart.exitCode()).as(restart.output()).isEqualTo(1);
		assertThat(restart.stderr()).contains("could not perform --daemon.action=restart").contains(where);
		Launch broken = withoutPidFileArgument(daemon, "start");
		assertThat(broken.exitCode()).as(broken.output()).isNotZero();
		assertThat(daemon.pidFile()).doesNotExist();
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
	}

	@Test
	void actionsWhenRunOnJava25ShouldPrintNoJvmWarning() throws Exception {
		Path java25 = Path.of(System.getProperty("java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
		SampleDaemon.require(Files.isExecutable(java25), "a Java 25 JDK at " + java25 + " (-Djava25.home=...)");
		// The sample's manifest grants native access (Enable-Native-Access), which
		// silences the warning; bootd must not depend on a user doing so
		Path jar = withoutNativeAccess(SampleDaemon.jar(), this.directory.resolve("plain.jar"));
		SampleDaemon daemon = this.daemons.sample();
		writeConfig("first");
		Launch start = onJava(java25, jar, daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		assertThat(ProcFacts.commandLine(pid)).as("the daemon runs on Java 25 too").contains(java25.toString());
		try {
			writeConfig("second");
			// Each action's whole output, as cron mail and the journal get it: Java 24+
			// warns on stderr when code loads native code without native access granted
			for (String action : List.of("status", "reload", "reopen-logs", "stop")) {
				Launch launch = onJava(java25, jar, daemon, action);
				assertThat(launch.exitCode()).as(action + ": " + launch.output()).isZero();
				assertThat(launch.output()).as(action).isNotBlank().doesNotContain("WARNING:");
			}
			assertThat(ProcFacts.isAlive(pid)).isFalse();
		}
		finally {
			// SampleDaemon.close() stops only daemons of the sample's own jars
			if (ProcFacts.isAlive(pid) && ProcFacts.commandLine(pid).contains(jar.toString())) {
				ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
				SampleDaemon.awaitExit(pid, Duration.ofSeconds(30));
			}
		}
	}

	@Test
	void actionsWhenDaemonWasKilledShouldReportDeadThenCleanUp() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long first = daemon.pid();
		Launch restart = action(daemon, "restart");
		assertThat(restart.exitCode()).as(restart.output()).isZero();
		assertThat(restart.stdout()).contains("Stopped sample (pid " + first + ")").contains("Started sample");
		daemon.remember(restart);
		long second = daemon.pid();
		assertThat(second).isNotEqualTo(first);
		assertThat(ProcFacts.isAlive(first)).isFalse();
		assertThat(daemon.get("/greeting").statusCode()).isEqualTo(200);

		SampleDaemon.kill("KILL", second);
		assertThat(SampleDaemon.awaitExit(second, Duration.ofSeconds(30))).isTrue();
		assertThat(daemon.pidFile()).as("SIGKILL runs no cleanup").exists();
		Launch dead = action(daemon, "status");
		assertThat(dead.exitCode()).as(dead.output()).isEqualTo(1);
		assertThat(dead.stdout()).contains("is not running, but its pid file " + daemon.pidFile() + " remains");
		assertThat(action(daemon, "reload").exitCode()).isEqualTo(7);
		Launch stop = action(daemon, "stop");
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(stop.stdout()).contains("removed its stale pid file");
		assertThat(daemon.pidFile()).doesNotExist();
		assertThat(action(daemon, "status").exitCode()).isEqualTo(3);
	}

	@Test
	void stopWhenShutdownHangsShouldKillAfterStopTimeoutAndRemovePidFile() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start", "--sample.block-shutdown=true");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		long before = System.nanoTime();
		Launch stop = action(daemon, "stop", "--daemon.stop-timeout=2s");
		Duration took = Duration.ofNanos(System.nanoTime() - before);
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(stop.stdout())
			.contains("did not stop within 2.00 s of SIGTERM (daemon.stop-timeout);" + " killed it with SIGKILL")
			.contains("removed its stale pid file");
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(ProcFacts.isAlive(pid)).isFalse();
		assertThat(daemon.pidFile()).doesNotExist();
		assertThat(SignalledDaemon.read(daemon.outputFile())).contains("Blocking shutdown");
	}

	@Test
	void actionsWhenNotPermittedShouldExitWithFour() throws Exception {
		SampleDaemon.require("root".equals(System.getProperty("user.name")), "root, to act as another user");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		SampleDaemon daemon = this.daemons.sample();
		Launch start = action(daemon, "start");
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		Launch status = asNobody(daemon, "status");
		assertThat(status.exitCode()).as("anyone may ask, " + status.output()).isZero();
		Launch stop = asNobody(daemon, "stop");
		assertThat(stop.exitCode()).as(stop.output()).isEqualTo(4);
		assertThat(stop.stderr()).contains("not permitted to send SIGTERM to sample (pid " + pid + ")");
		Launch reload = asNobody(daemon, "reload");
		assertThat(reload.exitCode()).as(reload.output()).isEqualTo(4);
		assertThat(ProcFacts.isAlive(pid)).isTrue();
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
		Launch unknown = asNobody(daemon, "status");
		assertThat(unknown.exitCode()).as("status unknown, " + unknown.output()).isEqualTo(4);
		assertThat(unknown.stderr()).contains("permission denied");
	}

	@Test
	void actionWhenUnknownShouldExitWithTwoAndNameTheFix() {
		SampleDaemon daemon = this.daemons.sample();
		Launch launch = action(daemon, "restat");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(2);
		assertThat(launch.stderr()).contains("invalid value 'restat' for property 'daemon.action'")
			.contains("Use one of start, stop, restart, status, reload, reopen-logs or upgrade");
		assertThat(daemon.pidFile()).doesNotExist();
	}

	private Launch action(SampleDaemon daemon, String action, String... more) {
		List<String> args = new ArrayList<>(List.of("--daemon.action=" + action));
		args.addAll(List.of(more));
		return daemon.launch(args.toArray(String[]::new));
	}

	private Launch onJava(Path java, Path jar, SampleDaemon daemon, String action) {
		List<String> command = new ArrayList<>(daemon.command(jar, List.of(), "--daemon.action=" + action));
		command.set(0, java.toString());
		return daemon.run(command);
	}

	/**
	 * A copy of an executable jar whose manifest lacks {@code Enable-Native-Access},
	 * every other entry as it was (the nested jars stay stored, as Spring Boot's loader
	 * needs).
	 */
	private static Path withoutNativeAccess(Path jar, Path copy) throws IOException {
		try (ZipFile source = new ZipFile(jar.toFile());
				ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(copy))) {
			for (ZipEntry entry : Collections.list(source.entries())) {
				if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
					Manifest manifest = new Manifest(source.getInputStream(entry));
					assertThat(manifest.getMainAttributes().remove(new Attributes.Name("Enable-Native-Access")))
						.as("the sample's manifest grants native access")
						.isNotNull();
					target.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
					manifest.write(target);
				}
				else {
					ZipEntry same = new ZipEntry(entry);
					if (same.getMethod() == ZipEntry.DEFLATED) {
						same.setCompressedSize(-1);
					}
					target.putNextEntry(same);
					try (InputStream input = source.getInputStream(entry)) {
						input.transferTo(target);
					}
				}
				target.closeEntry();
			}
		}
		return copy;
	}

	/** An action that finds the pid file only in the configuration files. */
	private Launch withoutPidFileArgument(SampleDaemon daemon, String action) {
		List<String> command = new ArrayList<>(daemon.command(List.of(), "--daemon.action=" + action));
		assertThat(command.removeIf((argument) -> argument.startsWith("--daemon.pid-file="))).isTrue();
		return daemon.run(command);
	}

	private Launch asNobody(SampleDaemon daemon, String action) {
		List<String> command = new ArrayList<>(
				List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
		// Output into a directory nobody can write: the launcher's own capture files are
		// root's
		command.addAll(daemon.command(List.of(), "--daemon.action=" + action));
		return daemon.run(command);
	}

	/**
	 * Where the descriptors of a process point, from readlink(2) on /proc/<pid>/fd/<n>.
	 */
	private static List<String> openFiles(long pid) {
		return descriptors(pid, (fd) -> Files.readSymbolicLink(fd).toString());
	}

	/** The inodes of the files a process has open, from stat(2) on /proc/<pid>/fd/<n>. */
	private static List<Object> openInodes(long pid) {
		return descriptors(pid, (fd) -> Files.getAttribute(fd, "unix:ino"));
	}

	private static <T> List<T> descriptors(long pid, Descriptor<T> read) {
		List<T> values = new ArrayList<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : (Iterable<Path>) fds::iterator) {
				try {
					values.add(read.apply(fd));
				}
				catch (IOException ex) {
					// Closed since it was listed: the JVM opens and closes files all the
					// time
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return values;
	}

	@FunctionalInterface
	private interface Descriptor<T> {

		T apply(Path fd) throws IOException;

	}

	private Path config() {
		return this.directory.resolve("application.yml");
	}

	private void writeConfig(String message) throws IOException {
		Files.writeString(config(), configText(message));
	}

	private static String configText(String message) {
		return "sample:\n  greeting:\n    message: " + message + "\nlogging:\n  file:\n    name: app.log\n";
	}

}
