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
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the packaged sample jar the way a user does, {@code java -jar sample-app.jar},
 * from a launch directory of the test's own, and stops every daemon it saw by its pid.
 * <p>
 * Facts about the daemon are read from the OS ({@link ProcFacts}), never from the
 * application's opinion of itself.
 *
 * @author bootd authors
 */
public final class SampleDaemon implements AutoCloseable {

	/** Bound on a whole launch, generous for a 2-core machine running other builds. */
	public static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * The launches' {@code daemon.startup-timeout} unless a test gives its own: bootd's
	 * 60 s default was missed by ordinary start-ups on a 2-core machine at load 30, and a
	 * bound on readiness must fail only when the daemon never gets ready. Shorter than
	 * {@link #LAUNCH_TIMEOUT}, so the launcher's own timeout message is what a test sees.
	 */
	public static final String STARTUP_TIMEOUT = "110s";

	private static final Pattern STARTED_PID = Pattern.compile("daemon: pid (\\d+),");

	private final Path directory;

	private final int port;

	private final Set<Long> started = new LinkedHashSet<>();

	public SampleDaemon(Path directory) {
		this.directory = directory;
		this.port = freePort();
	}

	/**
	 * The packaged sample jar, as built by {@code mvn package}.
	 * @return the jar
	 */
	public static Path jar() {
		return builtJar("sample.jar");
	}

	/**
	 * The sample jar built with bootd's layout, whose launcher starts the daemon before
	 * Spring Boot runs.
	 * @return the jar
	 */
	public static Path launcherJar() {
		return builtJar("sample.launcher.jar");
	}

	private static Path builtJar(String property) {
		String jar = System.getProperty(property);
		if (jar == null) {
			throw new IllegalStateException("System property " + property + " is not set: run the ITs with mvn verify");
		}
		return Path.of(jar);
	}

	public Path directory() {
		return this.directory;
	}

	public int port() {
		return this.port;
	}

	public Path pidFile() {
		return this.directory.resolve("sample.pid");
	}

	public Path outputFile() {
		return this.directory.resolve("sample.out");
	}

	/**
	 * The command that starts the sample: {@code java}, JVM options, {@code -jar}, the
	 * jar, the port, pid file and output file in the launch directory, then the given
	 * application arguments (later arguments win).
	 * @param jvmOptions options for the JVM
	 * @param args application arguments
	 * @return the command
	 */
	public List<String> command(List<String> jvmOptions, String... args) {
		return command(jar(), jvmOptions, args);
	}

	/**
	 * The command that starts another build of the sample, as
	 * {@link #command(List, String...)} does.
	 * @param jar the executable jar
	 * @param jvmOptions options for the JVM
	 * @param args application arguments
	 * @return the command
	 */
	public List<String> command(Path jar, List<String> jvmOptions, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		// Spring Boot joins a repeated option with commas: a test's own value replaces
		// ours
		addUnlessGiven(command, args, "--server.port=", Integer.toString(this.port));
		addUnlessGiven(command, args, "--daemon.pid-file=", pidFile().toString());
		addUnlessGiven(command, args, "--daemon.output-file=", outputFile().toString());
		addUnlessGiven(command, args, "--daemon.startup-timeout=", STARTUP_TIMEOUT);
		command.addAll(Arrays.asList(args));
		return command;
	}

	/**
	 * A process that runs the given command in the foreground from the launch directory,
	 * its output in {@code foreground.out}.
	 * @param command the command
	 * @return the process builder
	 */
	public ProcessBuilder inForeground(List<String> command) {
		return new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("foreground.out").toFile());
	}

	/**
	 * The JVM option that makes each JVM of a launch, launcher and daemon child, log the
	 * classes it loads to its own {@link #classLog(long) file}.
	 * @return the option
	 */
	public String classLogOption() {
		return "-Xlog:class+load:file=" + this.directory.resolve("classes-%p.log");
	}

	/**
	 * The class-loading log of one JVM started with {@link #classLogOption()}.
	 * @param pid the JVM's pid
	 * @return the log file
	 */
	public Path classLog(long pid) {
		return this.directory.resolve("classes-" + pid + ".log");
	}

	/**
	 * The class-loading logs written so far: one per JVM started.
	 * @return the log files
	 * @throws IOException if the launch directory cannot be listed
	 */
	public List<Path> classLogs() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("classes-")).toList();
		}
	}

	/**
	 * The classes a JVM started with {@link #classLogOption()} loaded, in order.
	 * @param pid the JVM's pid
	 * @return the class names
	 * @throws IOException if the log cannot be read
	 */
	public List<String> loadedClasses(long pid) throws IOException {
		// "[0.413s][info][class,load] io.github.bootd.launcher.DaemonSpawner source: ..."
		return Files.readAllLines(classLog(pid))
			.stream()
			.map((line) -> line.replaceFirst("^.*\\[class,load\\]\\s+", "").replaceFirst("\\s.*$", ""))
			.toList();
	}

	/**
	 * Add {@code prefix + value} unless the arguments give that option already: Spring
	 * Boot joins a repeated option with commas, so a test's own value must replace ours.
	 */
	static void addUnlessGiven(List<String> command, String[] args, String prefix, String value) {
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith(prefix))) {
			command.add(prefix + value);
		}
	}

	/**
	 * Launch the sample and wait for the launching command to return.
	 * @param args application arguments
	 * @return what the launching command did
	 */
	public Launch launch(String... args) {
		return run(command(List.of(), args));
	}

	/**
	 * Run a command from the launch directory and wait for it, within
	 * {@link #LAUNCH_TIMEOUT}.
	 * @param command the command
	 * @return what it did
	 */
	public Launch run(List<String> command) {
		try {
			Path stdout = Files.createTempFile(this.directory, "launcher", ".stdout");
			Path stderr = Files.createTempFile(this.directory, "launcher", ".stderr");
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.start();
			if (!process.waitFor(LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("The launching command did not return within " + LAUNCH_TIMEOUT);
			}
			Launch launch = new Launch(process.pid(), process.exitValue(), Files.readString(stdout),
					Files.readString(stderr));
			remember(launch);
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
	 * Record a daemon pid so that {@link #close()} stops it.
	 * @param launch a launch whose output may name a daemon
	 */
	public void remember(Launch launch) {
		Matcher matcher = STARTED_PID.matcher(launch.stdout());
		if (matcher.find()) {
			this.started.add(Long.parseLong(matcher.group(1)));
		}
		readPid().ifPresent(this.started::add);
	}

	/**
	 * Record a pid so that {@link #close()} stops it.
	 * @param pid the pid
	 */
	public void remember(long pid) {
		this.started.add(pid);
	}

	/**
	 * Read the pid file, if there is one with a number in it.
	 * @return the pid
	 */
	public java.util.OptionalLong readPid() {
		try {
			return java.util.OptionalLong.of(Long.parseLong(Files.readString(pidFile()).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return java.util.OptionalLong.empty();
		}
	}

	/**
	 * The pid of the running daemon, from its pid file.
	 * @return the pid
	 */
	public long pid() {
		return readPid().orElseThrow(() -> new IllegalStateException("No pid in " + pidFile()));
	}

	/**
	 * GET a path of the running sample.
	 * @param path the path, such as {@code /greeting}
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return get(this.port, path);
	}

	/**
	 * GET a path of the running sample on another of its ports, such as
	 * {@code management.server.port}.
	 * @param port the port
	 * @param path the path, such as {@code /actuator/daemon}
	 * @return the response
	 */
	public HttpResponse<String> get(int port, String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build());
	}

	/**
	 * POST to a path of the running sample with no body, as {@code curl -X POST} does.
	 * @param path the path, such as {@code /actuator/daemon/reload}
	 * @return the response
	 */
	public HttpResponse<String> post(String path) {
		// A reload waits for one in progress: more time than a GET
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
	 * Wait until the sample answers {@code GET /greeting} with 200.
	 * @return whether it did within {@link #LAUNCH_TIMEOUT}
	 */
	public boolean awaitAnswering() {
		return await(() -> {
			try {
				return get("/greeting").statusCode() == 200;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}, LAUNCH_TIMEOUT);
	}

	/**
	 * Send a signal to a process with the real {@code kill} command.
	 * @param signal the signal name, such as {@code TERM}
	 * @param pid the process
	 */
	public static void kill(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
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
	 * Wait until a process has exited.
	 * @param pid the process
	 * @param timeout the bound
	 * @return whether it exited in time
	 */
	public static boolean awaitExit(long pid, Duration timeout) {
		return await(() -> !ProcFacts.isAlive(pid), timeout);
	}

	/**
	 * Wait for a condition, polling within a bound.
	 * @param condition the condition
	 * @param timeout the bound
	 * @return whether it became true in time
	 */
	public static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Skip a test whose precondition does not hold, or fail it when the environment
	 * variable {@code CI} is {@code true}: on CI (root, a file system with
	 * {@code chattr}) a skip would hide the only test of a documented behaviour.
	 * @param condition whether the precondition holds
	 * @param precondition what the test needs, such as "root"
	 */
	public static void require(boolean condition, String precondition) {
		if (!condition && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("This test needs " + precondition + ", and CI=true does not let it skip");
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(condition, () -> "needs " + precondition);
	}

	/**
	 * Stop every daemon this test saw: TERM, then KILL if it lingers.
	 */
	@Override
	public void close() {
		readPid().ifPresent(this.started::add);
		for (long pid : this.started) {
			if (ProcFacts.isAlive(pid) && runsASampleJar(ProcFacts.commandLine(pid))) {
				SampleDaemonExtension.stop(pid);
			}
		}
	}

	/**
	 * Whether a command line runs one of the sample's jars: a pid remembered by a test
	 * may have been reused by another process since.
	 */
	private static boolean runsASampleJar(String commandLine) {
		return commandLine.contains(jar().toString()) || commandLine.contains(launcherJar().toString());
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a launching command did.
	 *
	 * @param pid the launcher's pid
	 * @param exitCode its exit status
	 * @param stdout what it printed on stdout
	 * @param stderr what it printed on stderr
	 */
	public record Launch(long pid, int exitCode, String stdout, String stderr) {

		public String output() {
			return this.stdout + this.stderr;
		}

	}

}
