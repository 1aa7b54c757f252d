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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The one harness of the ITs that run the packaged sample: a launch directory of the
 * test's own, the {@link SampleDaemon} and {@link SampleJarProcesses} that launch from
 * it, and, after each test, every process they started or saw stopped by its pid, then
 * the directory deleted. Register it on an instance field, which the test's other fields
 * may read: <pre class="code">
 * &#64;RegisterExtension
 * final SampleDaemonExtension daemons = new SampleDaemonExtension();
 *
 * private final Path directory = this.daemons.directory();
 *
 * private final SampleDaemon sample = this.daemons.sample();
 * </pre>
 * <p>
 * JUnit runs an {@link AfterEachCallback} on every path once the test instance exists:
 * after a passing or failing test, after a failing or skipping {@code @BeforeEach} and
 * after a failing {@code @AfterEach}. So a test needs no {@code try}/{@code finally} and
 * no tear-down of its own to leave no daemon behind.
 *
 * @author bootd authors
 */
final class SampleDaemonExtension implements AfterEachCallback {

	/** Bound on a {@link #startSignalled signalled daemon}'s launch. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * The prefix {@code @TempDir} gives its directories. Not {@code bootd-}: ITs assert
	 * that no file of the launcher's ({@code /tmp/bootd-<pid>-...}) is left or inherited.
	 */
	private static final String PREFIX = "junit";

	private Path directory;

	private final List<Path> otherDirectories = new ArrayList<>();

	private final Map<Path, SampleDaemon> samples = new LinkedHashMap<>();

	private SampleJarProcesses processes;

	/**
	 * The test's own launch directory, created on first use.
	 * @return the directory
	 */
	Path directory() {
		if (this.directory == null) {
			try {
				this.directory = Files.createTempDirectory(PREFIX);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.directory;
	}

	/**
	 * Another directory of the test's own, outside {@link #directory()}, such as the one
	 * a control action is run from.
	 * @return the directory
	 */
	Path newDirectory() {
		try {
			Path other = Files.createTempDirectory(PREFIX);
			this.otherDirectories.add(other);
			return other;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The sample launched from the {@link #directory() test's directory}.
	 * @return the sample
	 */
	SampleDaemon sample() {
		return sample(directory());
	}

	/**
	 * The sample launched from another directory, such as a subdirectory of the test's,
	 * its daemons stopped with the others.
	 * @param launchDirectory the launch directory
	 * @return the sample
	 */
	SampleDaemon sample(Path launchDirectory) {
		return this.samples.computeIfAbsent(launchDirectory, SampleDaemon::new);
	}

	/**
	 * The processes that run the sample's jar, or copies of it, with only the test's own
	 * arguments, from the test's directory.
	 * @return the processes
	 */
	SampleJarProcesses processes() {
		if (this.processes == null) {
			this.processes = new SampleJarProcesses(directory());
		}
		return this.processes;
	}

	/**
	 * Start the sample as a detached daemon from the test's directory, as
	 * {@code [prefix...] java -jar sample.jar}, and wait for its launcher to return 0.
	 * @param prefix what the command runs under, such as {@code nohup}
	 * @param args application arguments
	 * @return the daemon
	 */
	SignalledDaemon startSignalled(List<String> prefix, String... args) throws IOException, InterruptedException {
		return startSignalled(directory(), prefix, args);
	}

	/**
	 * Start the sample as a detached daemon from a directory, as
	 * {@code [prefix...] java -jar sample.jar}, and wait for its launcher to return 0.
	 * @param launchDirectory the launch directory
	 * @param prefix what the command runs under, such as {@code nohup}
	 * @param args application arguments
	 * @return the daemon
	 */
	SignalledDaemon startSignalled(Path launchDirectory, List<String> prefix, String... args)
			throws IOException, InterruptedException {
		SampleDaemon sample = sample(launchDirectory);
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				SampleDaemon.jar().toString(), "--daemon.pid-file=" + sample.pidFile(),
				"--daemon.output-file=sample.out"));
		SampleDaemon.addUnlessGiven(command, args, "--daemon.startup-timeout=", SampleDaemon.STARTUP_TIMEOUT);
		command.addAll(List.of(args));
		Path launcherOutput = launchDirectory.resolve("launcher.out");
		Process launcher = new ProcessBuilder(command).directory(launchDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(launcherOutput.toFile())
			.start();
		// Killing a launcher does not stop the daemon it started: if this start fails,
		// afterEach finds that daemon by the launcher's output and the pid file
		sample.remember(launcher.pid());
		if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			launcher.destroyForcibly();
			fail("Launcher did not return within " + START_TIMEOUT + ": " + SignalledDaemon.read(launcherOutput));
		}
		sample.remember(new SampleDaemon.Launch(launcher.pid(), launcher.exitValue(),
				SignalledDaemon.read(launcherOutput), ""));
		assertThat(launcher.exitValue())
			.as("launcher exit status; output: %s; daemon output: %s", SignalledDaemon.read(launcherOutput),
					SignalledDaemon.read(sample.outputFile()))
			.isZero();
		return new SignalledDaemon(launchDirectory, sample.pid());
	}

	/**
	 * Stop every process of this test by its pid, whatever the test's outcome, then
	 * delete its directory: the holders of the remembered pid files and the remembered
	 * pids, while they still run one of the test's jars (a pid may have been reused
	 * since), then any process left that runs from or names the test's directory (a
	 * daemon whose launch failed before anyone learned its pid).
	 */
	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		List<Throwable> failures = new ArrayList<>();
		if (this.processes != null) {
			this.samples.values().forEach((sample) -> this.processes.rememberPidFile(sample.pidFile()));
			attempt(this.processes::close, failures);
		}
		for (SampleDaemon sample : this.samples.values()) {
			attempt(sample::close, failures);
		}
		List<Path> directories = new ArrayList<>(this.otherDirectories);
		if (this.directory != null) {
			directories.add(0, this.directory);
		}
		for (Path directory : directories) {
			attempt(() -> stopLeftovers(directory), failures);
			if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
				attempt(() -> delete(directory), failures);
			}
		}
		if (!failures.isEmpty()) {
			Throwable first = failures.get(0);
			failures.stream().skip(1).forEach(first::addSuppressed);
			throw (first instanceof Exception exception) ? exception : new IllegalStateException(first);
		}
	}

	private static void attempt(Step step, List<Throwable> failures) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			failures.add(ex);
		}
	}

	private static void stopLeftovers(Path directory) {
		ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != ProcessHandle.current().pid())
			.filter((process) -> names(ProcFacts.commandLine(process.pid()), directory)
					|| workingDirectory(process.pid()).startsWith(directory))
			.forEach((process) -> stop(process.pid()));
	}

	/**
	 * Whether a command line names the directory or a file in it: followed by a
	 * separator, so that {@code /tmp/junit12} is not found in {@code /tmp/junit123}.
	 */
	private static boolean names(String commandLine, Path directory) {
		String line = commandLine + " ";
		return line.contains(directory + "/") || line.contains(directory + " ");
	}

	/**
	 * Stop a process by its pid: TERM, then KILL if it outlives a bound generous for a
	 * loaded machine (a JVM's shutdown hooks run on TERM).
	 * @param pid the process
	 */
	static void stop(long pid) {
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		if (!SampleDaemon.awaitExit(pid, Duration.ofSeconds(30))) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			SampleDaemon.awaitExit(pid, Duration.ofSeconds(10));
		}
	}

	private static Path workingDirectory(long pid) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
		}
		catch (IOException | RuntimeException ex) {
			// Another user's process, or one that has exited since it was listed
			return Path.of("/proc/unreadable");
		}
	}

	/**
	 * Delete a directory as {@code @TempDir} does, failing the test if it cannot; a test
	 * may have taken the owner's permissions from a subdirectory. Links are deleted,
	 * never followed.
	 */
	private static void delete(Path path) throws IOException {
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
			try (Stream<Path> children = Files.list(path)) {
				for (Path child : children.toList()) {
					delete(child);
				}
			}
		}
		Files.deleteIfExists(path);
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

}
