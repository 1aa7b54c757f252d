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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The command that launched a detached daemon, as the launcher's kernel received it: the
 * JVM binary, the argument bytes after {@code argv[0]} and the directory it was run from.
 * A restart re-runs it, so that the daemon comes back on the same JVM with the same
 * options and arguments, not with those of the command that asked for the restart.
 * <p>
 * The arguments are kept as bytes, not strings: Java decodes (and its
 * {@code ProcessBuilder} encodes) command lines in the locale's charset, which under
 * {@code LC_ALL=POSIX} turns every non-ASCII byte into {@code ?}.
 *
 * @author bootd authors
 */
public final class LaunchCommand {

	private static final AtomicReference<@Nullable LaunchCommand> RECORDED = new AtomicReference<>();

	private static final String JVM = "launch.jvm";

	private static final String DIRECTORY = "launch.directory";

	private static final String ARGUMENTS = "launch.arguments";

	private final Path jvm;

	private final Path directory;

	private final List<byte[]> arguments;

	/**
	 * Create a record.
	 * @param jvm the JVM binary
	 * @param directory the directory the command was run from
	 * @param arguments the arguments after {@code argv[0]}, exactly
	 */
	public LaunchCommand(Path jvm, Path directory, List<byte[]> arguments) {
		this.jvm = jvm;
		this.directory = directory;
		this.arguments = arguments.stream().map(byte[]::clone).toList();
	}

	/**
	 * Return the record this JVM, a daemon child, was launched with.
	 * @return the record, {@code null} when this JVM was not launched by bootd's launcher
	 */
	public static @Nullable LaunchCommand recorded() {
		return RECORDED.get();
	}

	/**
	 * Remember the record this JVM was launched with, for the state file.
	 * @param command the record
	 */
	public static void remember(LaunchCommand command) {
		RECORDED.set(command);
	}

	public Path getJvm() {
		return this.jvm;
	}

	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Return the arguments after {@code argv[0]}, byte for byte.
	 * @return copies of the arguments
	 */
	public List<byte[]> getArguments() {
		return this.arguments.stream().map(byte[]::clone).toList();
	}

	/**
	 * Write this record as properties of the state file: the arguments in Base64 of their
	 * NUL-separated bytes, the only text form that keeps any byte.
	 * @param properties where to put it
	 */
	void store(Properties properties) {
		properties.setProperty(JVM, this.jvm.toString());
		properties.setProperty(DIRECTORY, this.directory.toString());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (byte[] argument : this.arguments) {
			bytes.writeBytes(argument);
			bytes.write(0);
		}
		properties.setProperty(ARGUMENTS, Base64.getEncoder().encodeToString(bytes.toByteArray()));
	}

	/**
	 * Read a record stored by {@link #store(Properties)}.
	 * @param properties the properties
	 * @return the record, {@code null} when there is none
	 */
	static @Nullable LaunchCommand load(Properties properties) {
		String jvm = properties.getProperty(JVM);
		String directory = properties.getProperty(DIRECTORY);
		String arguments = properties.getProperty(ARGUMENTS);
		if (jvm == null || directory == null || arguments == null) {
			return null;
		}
		byte[] bytes = Base64.getDecoder().decode(arguments);
		List<byte[]> split = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				byte[] argument = new byte[i - start];
				System.arraycopy(bytes, start, argument, 0, argument.length);
				split.add(argument);
				start = i + 1;
			}
		}
		return new LaunchCommand(Path.of(jvm), Path.of(directory), split);
	}

	/**
	 * Write this record to a file of its own (the launcher hands it to the daemon child
	 * that way).
	 * @param file the file
	 * @throws IOException if it cannot be written
	 */
	public void writeTo(Path file) throws IOException {
		Properties properties = new Properties();
		store(properties);
		StringWriter text = new StringWriter();
		properties.store(text, null);
		Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
	}

	/**
	 * Read a record written by {@link #writeTo(Path)}.
	 * @param file the file
	 * @return the record, {@code null} if the file holds none
	 * @throws IOException if it cannot be read
	 */
	public static @Nullable LaunchCommand readFrom(Path file) throws IOException {
		Properties properties = new Properties();
		properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
		try {
			return load(properties);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
