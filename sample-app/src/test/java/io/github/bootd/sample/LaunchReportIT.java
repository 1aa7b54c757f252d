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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the launching command hands over and leaves behind (docs/detaching.md,
 * docs/troubleshooting.md): arguments reach the daemon byte for byte under any locale, a
 * launcher killed while it waits leaves no handshake directory, and a failed start says
 * what happened and points at the output file only when the daemon wrote to it.
 *
 * @author bootd authors
 */
class LaunchReportIT {

	private static final String MESSAGE = "--sample.greeting.message=ünï";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void startWhenLocaleIsPosixShouldPassArgumentsByteForByte() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// Through a script of bytes: this test JVM's own ProcessBuilder would encode the
		// argument in its locale before the launcher ever saw it
		Path script = this.directory.resolve("start.sh");
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		text.writeBytes("LC_ALL=POSIX; export LC_ALL; exec".getBytes(StandardCharsets.UTF_8));
		for (String argument : daemon.command(List.of(), MESSAGE)) {
			text.writeBytes((" '" + argument + "'").getBytes(StandardCharsets.UTF_8));
		}
		Files.write(script, text.toByteArray());
		SampleDaemon.Launch launch = daemon.run(List.of("/bin/sh", script.toString()));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = daemon.pid();
		byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
		assertThat(indexOf(cmdline, ("\0" + MESSAGE + "\0").getBytes(StandardCharsets.UTF_8)))
			.as("the UTF-8 bytes of %s in the daemon's command line", MESSAGE)
			.isNotNegative();
		// The daemon's JVM decodes them in its locale's charset (ASCII under POSIX), as
		// the same command in the foreground would: each non-ASCII byte becomes U+FFFD,
		// where the re-encoded argument of old arrived as '?'
		String expected = new String("ünï".getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
		assertThat(daemon.get("/greeting").body()).isEqualTo(expected).doesNotContain("?");
	}

	@Test
	void launcherWhenKilledWhileWaitingShouldLeaveNoHandshakeDirectory() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		Process launcher = start(daemon, "--sample.slow-start=5s");
		try {
			assertThat(SampleDaemon.await(() -> daemon.readPid().isPresent() || !launcher.isAlive(),
					SampleDaemon.LAUNCH_TIMEOUT))
				.isTrue();
			long pid = daemon.pid();
			daemon.remember(pid);
			assertThat(handshakeDirectories(launcher.pid())).as("the handshake directory while it waits").hasSize(1);
			SampleDaemon.kill("KILL", launcher.pid());
			assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(daemon.awaitAnswering()).as("the daemon starts without its launcher").isTrue();
			assertThat(SampleDaemon.await(() -> handshakeDirectories(launcher.pid()).isEmpty(), Duration.ofSeconds(30)))
				.as("%s once the daemon is ready", handshakeDirectories(launcher.pid()))
				.isTrue();
		}
		finally {
			launcher.destroyForcibly();
		}
	}

	@Test
	void startWhenDaemonIsTerminatedWhileStartingShouldNameTheSignal() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// Spring's shutdown hook waits for the refresh, so the JVM exits once the slow
		// start is over: long enough to land inside it, short enough to exit
		Process launcher = start(daemon, "--sample.slow-start=10s");
		try {
			assertThat(
					SampleDaemon.await(() -> SignalledDaemon.read(daemon.outputFile()).contains("Slow start: waiting"),
							SampleDaemon.LAUNCH_TIMEOUT))
				.isTrue();
			long pid = daemon.pid();
			daemon.remember(pid);
			SampleDaemon.kill("TERM", pid);
			assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
			String stderr = SignalledDaemon.read(this.directory.resolve("launcher.err"));
			assertThat(launcher.exitValue()).as(stderr).isEqualTo(1);
			assertThat(stderr)
				.contains("bootd: sample (pid " + pid + ") failed to start: it was stopped by SIGTERM"
						+ " while starting, before it was ready")
				.doesNotContain("exited before it could say why")
				.contains("bootd: the daemon's output is in " + daemon.outputFile());
			assertThat(ProcFacts.isAlive(pid)).isFalse();
		}
		finally {
			launcher.destroyForcibly();
		}
	}

	@Test
	void startWhenDaemonIsKilledWithoutAnyOutputShouldNotPointAtTheOutputFile() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		// Nothing on the console: no banner, no log lines, so the output file stays empty
		Process launcher = start(daemon, "--sample.slow-start=10m", "--spring.main.banner-mode=off",
				"--logging.level.root=OFF");
		try {
			assertThat(SampleDaemon.await(() -> daemon.readPid().isPresent() || !launcher.isAlive(),
					SampleDaemon.LAUNCH_TIMEOUT))
				.isTrue();
			long pid = daemon.pid();
			daemon.remember(pid);
			SampleDaemon.kill("KILL", pid);
			assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
			String stderr = SignalledDaemon.read(this.directory.resolve("launcher.err"));
			assertThat(launcher.exitValue()).as(stderr).isEqualTo(1);
			// Killed before it opened its output file, or with nothing written to it
			assertThat(Files.exists(daemon.outputFile()) ? Files.size(daemon.outputFile()) : 0)
				.as("the daemon's output")
				.isZero();
			assertThat(stderr)
				.contains("bootd: sample (pid " + pid + ") failed to start and exited without a"
						+ " report: it was killed by a signal it cannot catch (SIGKILL")
				.contains("it wrote no output")
				.doesNotContain("the daemon's output is in");
		}
		finally {
			launcher.destroyForcibly();
		}
	}

	private Process start(SampleDaemon daemon, String... args) throws IOException {
		return new ProcessBuilder(daemon.command(List.of(), args)).directory(this.directory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.redirectOutput(this.directory.resolve("launcher.out").toFile())
			.redirectError(this.directory.resolve("launcher.err").toFile())
			.start();
	}

	/**
	 * The launcher makes its private directory under java.io.tmpdir: /tmp, the JVM's
	 * default on Linux (the launcher is started without the option).
	 */
	private static List<Path> handshakeDirectories(long launcher) {
		try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
			return entries.filter((entry) -> entry.getFileName().toString().startsWith("bootd-" + launcher + "-"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
