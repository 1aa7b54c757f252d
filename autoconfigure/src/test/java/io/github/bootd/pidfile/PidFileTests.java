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
package io.github.bootd.pidfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PidFile}.
 *
 * @author bootd authors
 */
class PidFileTests {

	@TempDir
	Path directory;

	@Test
	void acquireShouldWritePidWithMode0644() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "99999999\nstale content that is longer\n");
		try (PidFile pidFile = PidFile.acquire(path)) {
			assertThat(Files.readString(path)).isEqualTo(ProcessHandle.current().pid() + "\n");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r--r--");
			assertThat(pidFile.isOurs()).isTrue();
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void acquireWhenHeldShouldReportTheHolder() throws Exception {
		Path path = this.directory.resolve("app.pid");
		long pid = ProcessHandle.current().pid();
		try (PidFile pidFile = PidFile.acquire(path)) {
			Object inode = Files.getAttribute(path, "unix:ino");
			// Within one JVM, tryLock answers from the JVM's own table of locks
			// (OverlappingFileLockException) and never asks the kernel: the kernel's own
			// table, and another process, say whether the lock is real
			assertThat(posixLocks(inode)).containsExactly("WRITE " + pid);
			assertThat(holderSeenByAnotherProcess(path)).isEqualTo("OptionalLong[" + pid + "]");
			assertThat(PidFile.holder(path)).hasValue(pid);
			assertThatExceptionOfType(DaemonAlreadyRunningException.class).isThrownBy(() -> PidFile.acquire(path))
				.withMessage("already running (pid " + pid + ", pid file " + path + ")");
			assertThat(pidFile.isOurs()).isTrue();
			pidFile.close();
			assertThat(posixLocks(inode)).as("released on close").isEmpty();
		}
	}

	@Test
	void holderWhenAnotherProcessHoldsNoLockShouldBeEmpty() throws Exception {
		Path path = this.directory.resolve("app.pid");
		try (PidFile pidFile = PidFile.acquire(path)) {
			Files.copy(path, this.directory.resolve("copy.pid"));
		}
		// The pid file a killed instance left: it names a pid, and nobody locks it
		assertThat(holderSeenByAnotherProcess(this.directory.resolve("copy.pid"))).isEqualTo("OptionalLong.empty");
	}

	@Test
	void holderWhenNoFileOrNoLockShouldBeEmpty() throws Exception {
		Path path = this.directory.resolve("app.pid");
		assertThat(PidFile.holder(path)).isEmpty();
		Files.writeString(path, "12345\n");
		assertThat(PidFile.holder(path)).isEmpty();
	}

	@Test
	void closeWhenFileWasReplacedShouldLeaveTheNewOne() throws Exception {
		Path path = this.directory.resolve("app.pid");
		PidFile pidFile = PidFile.acquire(path);
		Files.delete(path);
		Files.writeString(path, "4242\n");
		assertThat(pidFile.isOurs()).isFalse();
		pidFile.close();
		assertThat(path).hasContent("4242");
	}

	@Test
	void acquireWhenSymbolicLinkShouldNotFollowIt() throws Exception {
		Path target = Files.createFile(this.directory.resolve("target"));
		Path path = this.directory.resolve("app.pid");
		Files.createSymbolicLink(path, target);
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> PidFile.acquire(path));
		assertThat(target).isEmptyFile();
	}

	@Test
	void removeStaleShouldRemoveOnlyAnUnlockedFileNamingTheProcess() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "4242\n");
		assertThat(PidFile.removeStale(path, 4343)).isFalse();
		assertThat(PidFile.removeStale(path, 4242)).isTrue();
		assertThat(path).doesNotExist();
		Files.writeString(path, "");
		assertThat(PidFile.removeStale(path, 4242)).isTrue();
		try (PidFile held = PidFile.acquire(path)) {
			assertThat(PidFile.removeStale(path, held.getPid())).isFalse();
			assertThat(path).exists();
		}
	}

	@Test
	void restoreIfDeletedShouldWriteAndLockANewFileAndLeaveOthersAlone() throws Exception {
		Path path = this.directory.resolve("app.pid");
		long pid = ProcessHandle.current().pid();
		try (PidFile pidFile = PidFile.acquire(path)) {
			Object deleted = Files.getAttribute(path, "unix:ino");
			assertThat(pidFile.restoreIfDeleted().restored()).as("nothing to restore").isFalse();
			Files.delete(path);
			assertThat(pidFile.inspect().state()).isEqualTo(PidFile.State.DELETED);
			assertThat(pidFile.restoreIfDeleted().restored()).isTrue();
			Object restored = Files.getAttribute(path, "unix:ino");
			// Never read by path here: closing that descriptor would drop this JVM's
			// lock; the second process reads what it names
			assertThat(posixLocks(restored)).containsExactly("WRITE " + pid);
			assertThat(posixLocks(deleted)).as("the deleted file's descriptor is closed").isEmpty();
			assertThat(pidFile.inspect().state()).isEqualTo(PidFile.State.HELD);
			assertThat(holderSeenByAnotherProcess(path)).isEqualTo("OptionalLong[" + pid + "]");
			Files.delete(path);
			Files.writeString(path, "4242\n");
			assertThat(pidFile.restoreIfDeleted().restored()).as("another file is the user's").isFalse();
			assertThat(path).hasContent("4242");
		}
	}

	@Test
	void restoreIfDeletedWhenTheDirectoryWasReplacedShouldNotWriteIntoIt() throws Exception {
		Path run = Files.createDirectory(this.directory.resolve("run"));
		Path path = run.resolve("app.pid");
		try (PidFile pidFile = PidFile.acquire(path)) {
			Files.delete(path);
			Files.delete(run);
			assertThat(pidFile.restoreIfDeleted().problem()).contains("is gone");
			Files.createDirectory(run);
			PidFile.Restore restore = pidFile.restoreIfDeleted();
			assertThat(restore.restored()).isFalse();
			assertThat(restore.problem()).contains("was replaced by another directory");
			assertThat(path).doesNotExist();
		}
	}

	/**
	 * The POSIX locks on a file, as the kernel lists them in {@code /proc/locks}: "1:
	 * POSIX ADVISORY WRITE 4242 fd:01:1234567 0 EOF".
	 */
	private static List<String> posixLocks(Object inode) throws IOException {
		List<String> locks = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length > 5 && fields[1].equals("POSIX") && fields[5].endsWith(":" + inode)) {
				locks.add(fields[3] + " " + fields[4]);
			}
		}
		return locks;
	}

	/**
	 * Ask {@link PidFile#holder(Path)} from a second JVM, as a second instance or a
	 * control action would: there the kernel answers.
	 */
	private static String holderSeenByAnotherProcess(Path path) throws Exception {
		Path output = Files.createTempFile(path.getParent(), "holder", ".out");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Holder.class.getName(), path.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			// A bound for a JVM start on a loaded machine
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the second JVM exited").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
		assertThat(process.exitValue()).as(printed).isZero();
		return printed;
	}

	/**
	 * The second process of {@link #holderSeenByAnotherProcess(Path)}.
	 */
	static final class Holder {

		public static void main(String[] args) throws IOException {
			System.out.println(PidFile.holder(Path.of(args[0])));
		}

	}

	@Test
	void acquireForSuccessionShouldLockItsOwnFileUntilThePidFileIsHandedOver() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "4242\n");
		long pid = ProcessHandle.current().pid();
		try (PidFile successor = PidFile.acquireForSuccession(path)) {
			// Never read a locked file here: closing any descriptor of it drops this
			// process' lock (the state then reads lock_lost)
			Path next = PidFile.successorPath(path);
			assertThat(next).hasFileName("app.pid.next").exists();
			assertThat(successor.isSucceeding()).isTrue();
			assertThat(successor.isOurs()).isFalse();
			assertThat(successor.inspect().state()).isEqualTo(PidFile.State.SUCCEEDING);
			List<String> ran = new ArrayList<>();
			successor.whenHandedOver(() -> ran.add("handed over"));
			assertThat(ran).isEmpty();
			// Nobody locks the pid file (its writer is gone): the successor takes it
			assertThat(successor.completeSuccession()).isTrue();
			assertThat(next).doesNotExist();
			assertThat(successor.isOurs()).isTrue();
			PidFile.Inspection inspection = successor.inspect();
			assertThat(inspection.state()).isEqualTo(PidFile.State.HELD);
			assertThat(inspection.namedPid()).isEqualTo(pid);
			assertThat(ran).containsExactly("handed over");
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void closeWhenSuccessionIsPendingShouldRemoveOnlyTheSuccessorsFile() throws Exception {
		Path path = this.directory.resolve("app.pid");
		Files.writeString(path, "4242\n");
		PidFile successor = PidFile.acquireForSuccession(path);
		successor.close();
		assertThat(PidFile.successorPath(path)).doesNotExist();
		assertThat(path).hasContent("4242\n");
	}

}
