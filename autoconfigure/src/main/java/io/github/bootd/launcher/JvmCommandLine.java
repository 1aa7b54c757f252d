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
package io.github.bootd.launcher;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.github.bootd.control.LaunchCommand;
import io.github.bootd.settings.DaemonKey;

/**
 * The exact command line of the running JVM, and the one its daemon child gets.
 * <p>
 * A JVM cannot fork safely (only the forking thread survives, the VM's own threads do
 * not), so detaching re-runs the same command. {@code /proc/self/cmdline} is the only
 * exact source on Linux: {@code ProcessHandle.Info.arguments()} stops at an empty
 * argument and returns nothing past about 4 KB, {@code RuntimeMXBean} includes
 * {@code JDK_JAVA_OPTIONS} (which the child would apply a second time) and
 * {@code sun.java.command} loses quoting.
 *
 * @author bootd authors
 */
public final class JvmCommandLine {

	private static final Path CMDLINE = Path.of("/proc/self/cmdline");

	/** JVM options that take their value as the next argument. */
	private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
			"--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-exports",
			"--add-opens", "--add-reads", "--patch-module", "--enable-native-access");

	/** Options after which the next argument is the last one the JVM reads. */
	private static final Set<String> LAUNCH_TARGETS = Set.of("-jar", "-m", "--module");

	private final List<String> arguments;

	private final List<byte[]> bytes;

	JvmCommandLine(List<String> arguments) {
		this(arguments, arguments.stream().map((argument) -> argument.getBytes(jnuCharset())).toList());
	}

	private JvmCommandLine(List<String> arguments, List<byte[]> bytes) {
		this.arguments = List.copyOf(arguments);
		this.bytes = List.copyOf(bytes);
	}

	/**
	 * Read this JVM's command line.
	 * @return the command line, with the executable as the kernel knows it
	 * @throws IOException if {@code /proc/self/cmdline} cannot be read
	 */
	public static JvmCommandLine current() throws IOException {
		byte[] cmdline = Files.readAllBytes(CMDLINE);
		Charset charset = jnuCharset();
		List<String> arguments = new ArrayList<>();
		List<byte[]> bytes = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < cmdline.length; i++) {
			if (cmdline[i] == 0) {
				arguments.add(new String(cmdline, start, i - start, charset));
				bytes.add(Arrays.copyOfRange(cmdline, start, i));
				start = i + 1;
			}
		}
		// argv[0] may be a bare 'java' found through PATH; /proc/self/exe is exact
		ProcessHandle.current().info().command().ifPresent((command) -> {
			arguments.set(0, command);
			bytes.set(0, command.getBytes(charset));
		});
		return new JvmCommandLine(arguments, bytes);
	}

	/**
	 * Encode an argument bootd adds as the JVM encodes its own command line.
	 * @param argument the argument
	 * @return its bytes
	 */
	/**
	 * Return the command line a launch record holds: its JVM, then its arguments.
	 * @param record the record
	 * @return the command line
	 */
	static JvmCommandLine of(LaunchCommand record) {
		Charset charset = jnuCharset();
		List<byte[]> bytes = new ArrayList<>();
		bytes.add(record.getJvm().toString().getBytes(charset));
		bytes.addAll(record.getArguments());
		return new JvmCommandLine(bytes.stream().map((argument) -> new String(argument, charset)).toList(), bytes);
	}

	static byte[] encode(String argument) {
		return argument.getBytes(jnuCharset());
	}

	private static Charset jnuCharset() {
		return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
	}

	public List<String> arguments() {
		return this.arguments;
	}

	/**
	 * Return the arguments exactly as the kernel passed them: the strings of
	 * {@link #arguments()} are decoded in the locale's charset, which under
	 * {@code LC_ALL=POSIX} replaces every non-ASCII byte.
	 * @return the arguments' bytes, {@code argv[0]} being the executable
	 */
	List<byte[]> bytes() {
		return this.bytes;
	}

	/**
	 * Return the command line for the daemon child: the same arguments, with the given
	 * system property first and without the JVM options the child must not get.
	 * @param marker a {@code -Dname=value} option that tells the child its role
	 * @param leaveOut which JVM options to leave out (application arguments are never
	 * touched)
	 * @param dropped receives the options left out
	 * @return the child's command line
	 */
	List<String> forDaemon(String marker, Predicate<String> leaveOut, List<String> dropped) {
		List<String> result = new ArrayList<>();
		result.add(this.arguments.get(0));
		result.add(marker);
		kept(leaveOut, dropped).forEach((index) -> result.add(this.arguments.get(index)));
		return result;
	}

	/**
	 * Return the command line for the daemon child as {@link #forDaemon} does, byte for
	 * byte.
	 * @param marker a {@code -Dname=value} option that tells the child its role
	 * @param leaveOut which JVM options to leave out
	 * @param dropped receives the options left out
	 * @return the child's command line
	 */
	List<byte[]> forDaemonBytes(String marker, Predicate<String> leaveOut, List<String> dropped) {
		List<byte[]> result = new ArrayList<>();
		result.add(this.bytes.get(0));
		result.add(marker.getBytes(jnuCharset()));
		kept(leaveOut, dropped).forEach((index) -> result.add(this.bytes.get(index)));
		return result;
	}

	/**
	 * Return the command a restart or an upgrade runs to start this JVM again: its
	 * executable, this command line as {@link #forRelaunch()} keeps it, and a directory.
	 * @param directory the directory to start it in
	 * @return the launch command
	 */
	LaunchCommand launchCommand(Path directory) {
		return new LaunchCommand(Path.of(this.arguments.get(0)), directory, forRelaunch());
	}

	/**
	 * Return the arguments after {@code argv[0]} as a restart must repeat them: every JVM
	 * option kept, only a {@code daemon.action} left out.
	 * @return the arguments' bytes
	 */
	List<byte[]> forRelaunch() {
		List<byte[]> result = new ArrayList<>();
		kept((option) -> false, new ArrayList<>()).forEach((index) -> result.add(this.bytes.get(index)));
		return result;
	}

	/**
	 * The indexes of the arguments after {@code argv[0]} that the child gets. A
	 * {@code daemon.action} is never among them: the child ignores it, and a daemon whose
	 * {@code ps} line says {@code --daemon.action=restart} misleads whoever reads it.
	 */
	private List<Integer> kept(Predicate<String> leaveOut, List<String> dropped) {
		List<Integer> result = new ArrayList<>();
		boolean jvmOptions = true;
		for (int i = 1; i < this.arguments.size(); i++) {
			String argument = this.arguments.get(i);
			if (!jvmOptions) {
				if (!argument.startsWith(DaemonKey.ACTION.argument())) {
					result.add(i);
				}
			}
			else if (OPTIONS_WITH_VALUE.contains(argument) || LAUNCH_TARGETS.contains(argument)) {
				result.add(i);
				if (i + 1 < this.arguments.size()) {
					result.add(++i);
				}
				jvmOptions = !LAUNCH_TARGETS.contains(argument);
			}
			else if (leaveOut.test(argument)) {
				dropped.add(argument);
			}
			else if (!argument.startsWith("-D" + DaemonKey.ACTION.property() + "=")) {
				result.add(i);
				// An argument file ('@file') holds more options; anything else not
				// starting with '-' is the main class, and what follows belongs to the
				// application
				jvmOptions = argument.startsWith("-") || argument.startsWith("@");
				jvmOptions = jvmOptions && !argument.startsWith("--module=");
			}
		}
		return result;
	}

	/**
	 * Whether an option starts a JDWP debug agent, which listens on a port.
	 * @param option a JVM option
	 * @return whether it is a debug agent option
	 */
	static boolean isJdwp(String option) {
		return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp") || option.equals("-Xdebug");
	}

	/**
	 * Whether an option makes the JVM's JMX agent listen on a port.
	 * @param option a JVM option
	 * @return whether it is a JMX port option
	 */
	static boolean isJmxPort(String option) {
		return option.startsWith("-Dcom.sun.management.jmxremote.port=")
				|| option.startsWith("-Dcom.sun.management.jmxremote.rmi.port=");
	}

}
