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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Linux says about a process, from {@code /proc/<pid>}.
 *
 * @author bootd authors
 */
public final class ProcFacts {

	private final long pid;

	private ProcFacts(long pid) {
		this.pid = pid;
	}

	public static ProcFacts of(long pid) {
		return new ProcFacts(pid);
	}

	public static boolean isAlive(long pid) {
		// A zombie has exited: it only waits for its parent to reap it
		try {
			return !of(pid).stat().get(0).equals("Z");
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	public static String commandLine(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Fields of {@code /proc/<pid>/stat} after the command name: state, ppid, pgrp,
	 * session, tty_nr, ...
	 * @return the fields
	 */
	public List<String> stat() {
		String stat = read("stat");
		return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
	}

	public long ppid() {
		return Long.parseLong(stat().get(1));
	}

	public long pgid() {
		return Long.parseLong(stat().get(2));
	}

	public long sid() {
		return Long.parseLong(stat().get(3));
	}

	/**
	 * The controlling terminal's device number; 0 when there is none.
	 * @return tty_nr
	 */
	public long ttyNr() {
		return Long.parseLong(stat().get(4));
	}

	/**
	 * The lines of {@code /proc/<pid>/status}, by key.
	 * @return the status
	 */
	public Map<String, String> status() {
		Map<String, String> status = new TreeMap<>();
		for (String line : read("status").split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				status.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return status;
	}

	/**
	 * Whether the process ignores a signal, from the {@code SigIgn} mask.
	 * @param signal the signal number
	 * @return whether it is ignored
	 */
	public boolean ignores(int signal) {
		long mask = Long.parseUnsignedLong(status().get("SigIgn"), 16);
		return (mask & (1L << (signal - 1))) != 0;
	}

	/**
	 * Whether the process has a handler for a signal, from the {@code SigCgt} mask.
	 * @param signal the signal number
	 * @return whether it is caught
	 */
	public boolean catches(int signal) {
		long mask = Long.parseUnsignedLong(status().get("SigCgt"), 16);
		return (mask & (1L << (signal - 1))) != 0;
	}

	public Path cwd() {
		return link(Path.of("/proc", Long.toString(this.pid), "cwd"));
	}

	/**
	 * Where each open file descriptor points.
	 * @return descriptor number to target
	 */
	public Map<Integer, String> fds() {
		Map<Integer, String> fds = new TreeMap<>();
		try (var entries = Files.list(Path.of("/proc", Long.toString(this.pid), "fd"))) {
			for (Path fd : (Iterable<Path>) entries::iterator) {
				fds.put(Integer.parseInt(fd.getFileName().toString()), link(fd).toString());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return fds;
	}

	/**
	 * The POSIX locks this process holds, as lines of {@code /proc/locks}.
	 * @return the lock lines
	 */
	public List<String> posixLocks() {
		List<String> locks = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 5 && fields[1].equals("POSIX") && fields[4].equals(Long.toString(this.pid))) {
					locks.add(line);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return locks;
	}

	/**
	 * Whether this process holds a POSIX write lock on the given file, from
	 * {@code /proc/locks} (which names files by device and inode).
	 * @param file the file
	 * @return whether it holds a write lock on it
	 */
	public boolean holdsWriteLock(Path file) {
		try {
			Object inode = Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
			return posixLocks().stream()
				.map((line) -> line.trim().split("\\s+"))
				.anyMatch((fields) -> fields[3].equals("WRITE") && fields[5].endsWith(":" + inode));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String read(String name) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(this.pid), name));
		}
		catch (IOException ex) {
			throw new IllegalStateException("No process " + this.pid, ex);
		}
	}

	private static Path link(Path path) {
		try {
			return Files.readSymbolicLink(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
