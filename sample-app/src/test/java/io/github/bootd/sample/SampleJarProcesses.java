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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the packaged sample jar, or a copy of it placed where a test needs the jar to be,
 * with exactly the arguments and environment the test gives: unlike {@link SampleDaemon}
 * it adds no {@code --daemon.pid-file}, because the default pid file depends on where the
 * jar is and on the environment. Every process it started or was told of is stopped by
 * its pid, and only while its command line still runs one of this test's jars.
 *
 * @author bootd authors
 */
final class SampleJarProcesses implements AutoCloseable {

	/**
	 * Bound on any awaited condition, generous for a 2-core machine running other builds
	 * (start-ups of more than a minute were seen at a load average of 100).
	 */
	static final Duration TIMEOUT = Duration.ofMinutes(5);

	/** The launcher's own bound on a start-up, within {@link #TIMEOUT}. */
	static final String STARTUP_TIMEOUT = "--daemon.startup-timeout=4m";

	private static final Pattern STARTED_PID = Pattern.compile("daemon: pid (\\d+),");

	private final Path directory;

	private final Set<Path> jars = new LinkedHashSet<>();

	private final Set<Long> pids = new LinkedHashSet<>();

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> pidFiles = new ArrayList<>();

	SampleJarProcesses(Path directory) {
		this.directory = directory;
		this.jars.add(SampleDaemon.jar());
	}

	/**
	 * Copy the packaged sample jar: the default pid file lives beside the jar, and a test
	 * must never write into {@code target/}.
	 * @param target where the copy goes
	 * @return the copy
	 */
	Path copyJar(Path target) throws IOException {
		Files.createDirectories(target.getParent());
		Files.copy(SampleDaemon.jar(), target);
		this.jars.add(target);
		return target;
	}

	/**
	 * Write a copy of the packaged sample jar with some of its entries rewritten, as the
	 * jar of an application configured differently would be: every other entry is copied
	 * as it is, nested jars stay stored (uncompressed) as Spring Boot's loader needs.
	 * @param target where the copy goes
	 * @param rewrite entry name to new content ({@code null} removes the entry); names
	 * absent from the jar are added
	 * @return the copy
	 */
	Path repackagedJar(Path target, Map<String, byte[]> rewrite) throws IOException {
		Files.createDirectories(target.getParent());
		Set<String> added = new LinkedHashSet<>(rewrite.keySet());
		try (ZipFile source = new ZipFile(SampleDaemon.jar().toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			Enumeration<? extends ZipEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				added.remove(entry.getName());
				if (rewrite.containsKey(entry.getName())) {
					if (rewrite.get(entry.getName()) != null) {
						write(out, entry.getName(), rewrite.get(entry.getName()), entry.getMethod());
					}
					continue;
				}
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setTime(entry.getTime());
				copy.setMethod(entry.getMethod());
				if (entry.getMethod() == ZipEntry.STORED) {
					copy.setSize(entry.getSize());
					copy.setCompressedSize(entry.getSize());
					copy.setCrc(entry.getCrc());
				}
				out.putNextEntry(copy);
				try (InputStream input = source.getInputStream(entry)) {
					input.transferTo(out);
				}
				out.closeEntry();
			}
			for (String name : added) {
				if (rewrite.get(name) != null) {
					// Nested jars must be stored: the loader maps them in place
					write(out, name, rewrite.get(name), name.endsWith(".jar") ? ZipEntry.STORED : ZipEntry.DEFLATED);
				}
			}
		}
		this.jars.add(target);
		return target;
	}

	/**
	 * A jar holding the given files, as a library on the application's class path.
	 * @param files name to content
	 * @return the jar's bytes
	 */
	static byte[] library(Map<String, String> files) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				write(out, file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8), ZipEntry.DEFLATED);
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * Read an entry of the packaged sample jar.
	 * @param name the entry
	 * @return its content
	 */
	static String entry(String name) throws IOException {
		try (ZipFile jar = new ZipFile(SampleDaemon.jar().toFile())) {
			ZipEntry entry = jar.getEntry(name);
			if (entry == null) {
				throw new IllegalStateException("No " + name + " in " + SampleDaemon.jar());
			}
			try (InputStream input = jar.getInputStream(entry)) {
				return new String(input.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

	private static void write(ZipOutputStream out, String name, byte[] content, int method) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setMethod(method);
		if (method == ZipEntry.STORED) {
			CRC32 crc = new CRC32();
			crc.update(content);
			entry.setSize(content.length);
			entry.setCompressedSize(content.length);
			entry.setCrc(crc.getValue());
		}
		out.putNextEntry(entry);
		out.write(content);
		out.closeEntry();
	}

	/**
	 * {@code java [jvmOptions] -jar jar [args]}, nothing added.
	 */
	static List<String> command(Path jar, List<String> jvmOptions, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(Arrays.asList(args));
		return command;
	}

	/**
	 * Run a launching command from a directory and wait for it to return, within
	 * {@link #TIMEOUT}.
	 * @param launchDirectory where it is started from
	 * @param environment variables to set ({@code null} value: remove) on top of ours
	 * @param command the command
	 * @return what it did
	 */
	Launch run(Path launchDirectory, Map<String, String> environment, List<String> command) {
		try {
			Path stdout = Files.createTempFile(this.directory, "launcher", ".stdout");
			Path stderr = Files.createTempFile(this.directory, "launcher", ".stderr");
			Process process = builder(launchDirectory, environment, command).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.start();
			this.processes.add(process);
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				fail("The launching command did not return within " + TIMEOUT + ": " + read(stdout) + read(stderr));
			}
			Launch launch = new Launch(process.pid(), process.exitValue(), read(stdout), read(stderr));
			Matcher matcher = STARTED_PID.matcher(launch.stdout());
			if (matcher.find()) {
				this.pids.add(Long.parseLong(matcher.group(1)));
			}
			return launch;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start a command from a directory without waiting for it, its standard output and
	 * error appended to a file.
	 * @param launchDirectory where it is started from
	 * @param environment variables to set ({@code null} value: remove) on top of ours
	 * @param command the command
	 * @param output the file its output goes to
	 * @return the process
	 */
	Process start(Path launchDirectory, Map<String, String> environment, List<String> command, Path output)
			throws IOException {
		Process process = builder(launchDirectory, environment, command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
			.start();
		this.processes.add(process);
		this.pids.add(process.pid());
		return process;
	}

	private static ProcessBuilder builder(Path launchDirectory, Map<String, String> environment, List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(launchDirectory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		// Whatever runs the tests (systemd, a container) must not decide the mode for
		// them
		builder.environment()
			.keySet()
			.removeAll(List.of("INVOCATION_ID", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "RUNTIME_DIRECTORY",
					"DAEMON_ENABLED", "DAEMON_MODE"));
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		return builder;
	}

	/**
	 * Record a pid so that {@link #close()} stops it.
	 * @param pid the process
	 */
	void remember(long pid) {
		this.pids.add(pid);
	}

	/**
	 * Record a pid file whose holder {@link #close()} stops.
	 * @param pidFile the pid file
	 */
	void rememberPidFile(Path pidFile) {
		this.pidFiles.add(pidFile);
	}

	/**
	 * Read the pid in a pid file.
	 * @param pidFile the pid file
	 * @return the pid, empty while there is no file or no number in it
	 */
	static OptionalLong readPid(Path pidFile) {
		try {
			return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Wait until a file contains a text.
	 * @param file the file
	 * @param text the text
	 * @return the file's content then
	 */
	static String awaitText(Path file, String text) {
		return awaitValue(() -> read(file), (content) -> content.contains(text) ? content : null,
				"'" + text + "' in " + file);
	}

	/**
	 * Wait, within {@link #TIMEOUT}, until a value is found.
	 * @param source what to look at
	 * @param finder the value found in it, or {@code null}
	 * @param description what is awaited, for the failure message
	 * @return the value
	 */
	static <S, T> T awaitValue(java.util.function.Supplier<S> source, Function<S, T> finder, String description) {
		return awaitValue(source, finder, description, Duration.ofMillis(20));
	}

	/**
	 * Wait, within {@link #TIMEOUT}, until a value is found, looking as often as asked.
	 * @param source what to look at
	 * @param finder the value found in it, or {@code null}
	 * @param description what is awaited, for the failure message
	 * @param poll how long to wait between looks
	 * @return the value
	 */
	static <S, T> T awaitValue(java.util.function.Supplier<S> source, Function<S, T> finder, String description,
			Duration poll) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		S last = source.get();
		T found = finder.apply(last);
		while (found == null) {
			if (System.nanoTime() > deadline) {
				fail("Waited " + TIMEOUT + " for " + description + "; last seen: " + last);
			}
			try {
				Thread.sleep(poll.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("Interrupted while waiting for " + description);
			}
			last = source.get();
			found = finder.apply(last);
		}
		return found;
	}

	/**
	 * Wait until the sample answers {@code GET /greeting} with 200.
	 * @param sample the sample, for its port
	 * @return whether it did within {@link #TIMEOUT}
	 */
	static boolean awaitAnswering(SampleDaemon sample) {
		return SampleDaemon.await(() -> {
			try {
				return sample.get("/greeting").statusCode() == 200;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}, TIMEOUT);
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop every process this test started or saw: the holders of the remembered pid
	 * files, the remembered pids while they still run one of this test's jars (a pid may
	 * have been reused since), then the processes started here.
	 */
	@Override
	public void close() {
		for (Path pidFile : this.pidFiles) {
			readPid(pidFile).ifPresent(this.pids::add);
		}
		for (long pid : this.pids) {
			if (ProcFacts.isAlive(pid) && runsOurJar(ProcFacts.commandLine(pid))) {
				SampleDaemonExtension.stop(pid);
			}
		}
		for (Process process : this.processes) {
			if (process.isAlive()) {
				SampleDaemonExtension.stop(process.pid());
			}
		}
	}

	private boolean runsOurJar(String commandLine) {
		return this.jars.stream().anyMatch((jar) -> commandLine.contains(jar.toString()));
	}

	/**
	 * Write text to a file, creating its directory.
	 * @param file the file
	 * @param content the text
	 * @return the file
	 */
	static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(content.getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

}
