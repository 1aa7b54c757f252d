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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A one-line {@code /bin/sh} script that execs a command, written as bytes: the
 * trampoline through which bootd starts a JVM with arguments byte for byte.
 * <p>
 * Java 17's {@code ProcessBuilder} encodes every argument in the locale's charset, so
 * under {@code LC_ALL=POSIX} an argument {@code --app.message=ünï} reaches the child as
 * {@code --app.message=??n??}. A script file carries any byte: inside single quotes the
 * shell takes every byte literally except the quote itself, and {@code exec} hands them
 * to execve(2) unchanged, replacing the shell in the same process.
 *
 * @author bootd authors
 */
final class ShellScript {

	/** POSIX requires a shell there; every Linux distribution has one. */
	static final Path SH = Path.of("/bin/sh");

	private ShellScript() {
	}

	/**
	 * Write a script that changes to a directory, if given, and execs a command.
	 * @param script the file to write
	 * @param directory the directory to run the command in, {@code null} to stay where
	 * the shell starts
	 * @param command the command, its executable first
	 * @throws IOException if the script cannot be written
	 */
	static void write(Path script, byte @Nullable [] directory, List<byte[]> command) throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		if (directory != null) {
			text.writeBytes("cd ".getBytes());
			quote(text, directory);
			text.writeBytes(" || exit 127\n".getBytes());
		}
		text.writeBytes("exec".getBytes());
		for (byte[] argument : command) {
			text.write(' ');
			quote(text, argument);
		}
		text.write('\n');
		Files.write(script, text.toByteArray());
	}

	/**
	 * {@code it's} is written {@code 'it'\''s'}: close the quote, an escaped quote,
	 * reopen.
	 */
	private static void quote(ByteArrayOutputStream text, byte[] argument) {
		text.write('\'');
		for (byte b : argument) {
			if (b == '\'') {
				text.writeBytes("'\\''".getBytes());
			}
			else {
				text.write(b);
			}
		}
		text.write('\'');
	}

}
