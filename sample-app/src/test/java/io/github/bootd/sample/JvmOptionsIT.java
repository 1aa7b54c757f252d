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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JVM options the launcher keeps from the daemon child because its own JVM holds
 * their port (docs/detaching.md, "JVM options"), and the daemon's own {@code setsid()}
 * where util-linux's {@code setsid} is missing: read from the child's
 * {@code /proc/<pid>/cmdline}, {@code environ}, {@code stat} and sockets.
 *
 * @author bootd authors
 */
class JvmOptionsIT {

	private static final String DROPPED = "bootd: the launcher holds the port of these JVM options, so the daemon"
			+ " runs without them: ";

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	@Test
	void startWhenJdwpAgentOptionShouldStartTheDaemonWithoutIt() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		int port = SampleDaemon.freePort();
		String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
		Launch start = daemon.run(daemon.command(List.of(jdwp)));
		assertDaemonRunsWithout(daemon, start, jdwp, port);
	}

	@Test
	void startWhenXrunjdwpOptionShouldStartTheDaemonWithoutIt() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		int port = SampleDaemon.freePort();
		String jdwp = "-Xrunjdwp:transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
		Launch start = daemon.run(daemon.command(List.of(jdwp)));
		assertDaemonRunsWithout(daemon, start, jdwp, port);
	}

	@Test
	void startWhenJdwpInJavaToolOptionsShouldRemoveOnlyItFromTheDaemonsVariable() throws Exception {
		assertJdwpLeftOutOfVariable("JAVA_TOOL_OPTIONS");
	}

	@Test
	void startWhenJdwpInJdkJavaOptionsShouldRemoveOnlyItFromTheDaemonsVariable() throws Exception {
		assertJdwpLeftOutOfVariable("JDK_JAVA_OPTIONS");
	}

	private void assertJdwpLeftOutOfVariable(String variable) throws IOException {
		SampleDaemon daemon = this.daemons.sample();
		int port = SampleDaemon.freePort();
		String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
		List<String> command = new ArrayList<>(List.of("env", variable + "=" + jdwp + " -Dbootd.it.kept=yes"));
		command.addAll(daemon.command(List.of()));
		Launch start = daemon.run(command);
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(start.stderr()).contains(DROPPED + jdwp + " (use daemon.mode=foreground");
		long pid = daemon.pid();
		assertThat(environ(pid)).as("/proc/%d/environ", pid).containsEntry(variable, "-Dbootd.it.kept=yes");
		assertThat(listens(pid, port)).as("the daemon listens on the debug port").isFalse();
	}

	@Test
	void startWhenJmxPortAndJcmdShouldHandThePortToTheDaemon() throws Exception {
		SampleDaemon daemon = this.daemons.sample();
		int port = SampleDaemon.freePort();
		List<String> jmx = jmxOptions(port);
		Launch start = daemon.run(daemon.command(jmx));
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(start.stderr()).doesNotContain(DROPPED);
		long pid = daemon.pid();
		assertThat(cmdline(pid)).as("/proc/%d/cmdline", pid).containsAll(jmx);
		// The launcher stopped its agent with jcmd, so the daemon could bind the port
		assertThat(listens(pid, port)).as("the daemon listens on the JMX port %d", port).isTrue();
	}

	@Test
	void startWhenJmxPortWithoutJcmdShouldStartTheDaemonWithoutThePort() throws Exception {
		Path jre = jdkWithoutJcmd(this.directory.resolve("jre"));
		SampleDaemon daemon = this.daemons.sample();
		int port = SampleDaemon.freePort();
		List<String> jmx = jmxOptions(port);
		List<String> command = daemon.command(jmx);
		command.set(0, jre.resolve("bin/java").toString());
		Launch start = daemon.run(command);
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(start.stderr()).contains(DROPPED + jmx.get(0) + " (use daemon.mode=foreground");
		long pid = daemon.pid();
		assertThat(cmdline(pid).get(0)).as("the daemon runs the same java").isEqualTo(command.get(0));
		assertThat(cmdline(pid)).as("/proc/%d/cmdline", pid)
			.doesNotContain(jmx.get(0))
			.contains("-Dcom.sun.management.jmxremote.authenticate=false");
		assertThat(listens(pid, port)).isFalse();
	}

	@Test
	void startWhenNoSetsidCommandShouldMakeTheSessionInTheDaemon() throws Exception {
		// A private mount namespace in which util-linux's setsid is an empty,
		// non-executable file: the launcher must start the JVM itself, which must then
		// call setsid()
		assumeTrue("root".equals(System.getProperty("user.name")) || "true".equals(System.getenv("CI")),
				"needs root for a mount namespace");
		Path empty = Files.createFile(this.directory.resolve("no-setsid"));
		SampleDaemon daemon = this.daemons.sample();
		List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
				"mount --bind \"$0\" /usr/bin/setsid && exec \"$@\"", empty.toString()));
		command.addAll(daemon.command(List.of()));
		Launch start = daemon.run(command);
		assertThat(start.exitCode()).as(start.output()).isZero();
		long pid = daemon.pid();
		Path setsid = Path.of("/proc", Long.toString(pid), "root", "usr", "bin", "setsid");
		assertThat(Files.size(setsid)).as("setsid as the daemon sees it").isZero();
		ProcFacts facts = ProcFacts.of(pid);
		assertThat(facts.sid()).as("session id").isEqualTo(pid);
		assertThat(facts.pgid()).as("process group id").isEqualTo(pid);
		assertThat(facts.ttyNr()).as("controlling terminal").isZero();
		assertThat(daemon.get("/greeting").statusCode()).isEqualTo(200);
	}

	private void assertDaemonRunsWithout(SampleDaemon daemon, Launch start, String option, int port) {
		// Had the child got it, its agent would fail to bind the port the launcher holds
		// and the JVM would exit before it could report
		assertThat(start.exitCode()).as(start.output()).isZero();
		assertThat(start.stderr()).contains(DROPPED + option + " (use daemon.mode=foreground");
		long pid = daemon.pid();
		assertThat(cmdline(pid)).as("/proc/%d/cmdline", pid)
			.doesNotContain(option)
			.contains(SampleDaemon.jar().toString());
		assertThat(listens(pid, port)).isFalse();
		assertThat(daemon.get("/greeting").statusCode()).isEqualTo(200);
	}

	private static List<String> jmxOptions(int port) {
		return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
				"-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
	}

	/**
	 * A JDK without {@code bin/jcmd}, as a JRE is: its own {@code bin/java} and
	 * {@code libjvm.so} (HotSpot takes {@code java.home} from the real path of
	 * {@code libjvm.so}), everything else linked to the test's JDK.
	 */
	private static Path jdkWithoutJcmd(Path target) throws IOException {
		Path jdk = Path.of(System.getProperty("java.home"));
		Files.createDirectories(target.resolve("bin"));
		Files.copy(jdk.resolve("bin/java"), target.resolve("bin/java"));
		Files.createSymbolicLink(target.resolve("conf"), jdk.resolve("conf"));
		Files.createSymbolicLink(target.resolve("release"), jdk.resolve("release"));
		linkAllBut(jdk.resolve("lib"), target.resolve("lib"), "server");
		linkAllBut(jdk.resolve("lib/server"), target.resolve("lib/server"), "libjvm.so");
		Files.copy(jdk.resolve("lib/server/libjvm.so"), target.resolve("lib/server/libjvm.so"));
		assertThat(target.resolve("bin/jcmd")).doesNotExist();
		return target;
	}

	private static void linkAllBut(Path from, Path to, String except) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> entries = Files.list(from)) {
			for (Path entry : (Iterable<Path>) entries::iterator) {
				if (!entry.getFileName().toString().equals(except)) {
					Files.createSymbolicLink(to.resolve(entry.getFileName()), entry);
				}
			}
		}
	}

	private static List<String> cmdline(long pid) {
		return List.of(read(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
	}

	private static Map<String, String> environ(long pid) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : read(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	/**
	 * Whether one of the process' descriptors is a TCP socket listening on the port:
	 * {@code /proc/net/tcp*} names each socket by inode, {@code /proc/<pid>/fd} links to
	 * {@code socket:[inode]}.
	 */
	private static boolean listens(long pid, int port) {
		Set<String> sockets = new HashSet<>(ProcFacts.of(pid).fds().values());
		String localPort = String.format(Locale.ROOT, ":%04X", port);
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : read(Path.of(table)).split("\n")) {
				String[] fields = line.trim().split("\\s+");
				// local_address, ..., st (0A is LISTEN), ..., inode
				if (fields.length > 9 && fields[1].endsWith(localPort) && fields[3].equals("0A")
						&& sockets.contains("socket:[" + fields[9] + "]")) {
					return true;
				}
			}
		}
		return false;
	}

	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
