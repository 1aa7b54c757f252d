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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real systemd 252 for one test: PID 1 of a private pid, mount and cgroup namespace,
 * booted before each test and killed after it, driven with
 * {@code nsenter -t <pid> -m -p}. Register it with
 * {@code @RegisterExtension RealSystemd systemd = new RealSystemd();} in the tests that
 * need it, and nowhere else.
 * <p>
 * Booted as it is, systemd would change the machine it shares a root file system with:
 * its {@code systemd-tmpfiles-setup.service} empties the machine's {@code /tmp}, sysusers
 * writes {@code /etc/passwd}, sysctl writes {@code /proc/sys}, the default target starts
 * every service the machine has enabled, and it moves itself into cgroups at the root of
 * the machine's hierarchies. So, inside the namespace, {@code /run}, {@code /tmp},
 * {@code /var/log/journal} and {@code /opt} are tmpfs of their own; the only directory of
 * the machine it sees writable is the {@link #serviceDirectory() service directory},
 * bound at {@value #SERVICE_DIRECTORY} (the recipes' path); it runs in a cgroup subtree
 * of its own (a cgroup namespace, so that it mounts its cgroup file systems from there);
 * it boots {@code basic.target} with every unit that {@code sysinit}, {@code basic},
 * {@code sockets}, {@code timers} and {@code paths} pull in masked ({@code systemd.mask=}
 * arguments: in a container systemd reads its kernel command line from its own
 * arguments), except journald. Units go to {@code /run/systemd/system} inside, which
 * vanishes with it.
 * <p>
 * After each test it kills systemd by its pid (SIGKILL of a pid namespace's init ends
 * every process in it), checks that no process of the namespace is left, removes its
 * cgroups, and checks that marker files it put in the machine's {@code /tmp} and
 * {@code /run} before booting are still there.
 *
 * @author bootd authors
 */
public final class RealSystemd implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

	/** The unprivileged user the units run as ({@code User=}), created when missing. */
	public static final String SERVICE_USER = "bootd-it";

	/** Where the service directory is inside the namespace: the recipes' path. */
	public static final String SERVICE_DIRECTORY = "/opt/myservice";

	/** Bound on the boot, generous for a 2-core machine running other builds. */
	static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

	/** Bound on one command inside, such as a {@code systemctl start} of a slow JVM. */
	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(300);

	private static final String[] PULLING_TARGETS = { "sysinit", "basic", "sockets", "timers", "paths", "local-fs" };

	private static final Set<String> KEPT = Set.of("systemd-journald.service", "systemd-journald.socket",
			"systemd-journald-dev-log.socket");

	/**
	 * Units that change the machine and may be pulled in by other paths than the targets'
	 * wants.
	 */
	private static final List<String> ALWAYS_MASKED = List.of("systemd-tmpfiles-setup.service",
			"systemd-tmpfiles-setup-dev.service", "systemd-tmpfiles-clean.service", "systemd-tmpfiles-clean.timer",
			"systemd-sysusers.service", "systemd-sysctl.service", "systemd-modules-load.service",
			"systemd-udevd.service", "systemd-udev-trigger.service", "systemd-remount-fs.service",
			"systemd-journal-flush.service", "systemd-random-seed.service", "systemd-update-utmp.service");

	/**
	 * Runs as root on the machine, before {@code unshare}: the cgroup subtree, then the
	 * namespace's own file systems, then systemd. {@code $1} the file that lists the
	 * cgroups made, {@code $2} the service directory, then systemd's arguments.
	 */
	private static final String BOOT_SCRIPT = """
			set -eu
			cgroups="$1"; service="$2"; shift 2
			id="bootd-it-$$"
			# Read first: the file changes as this shell moves
			own=$(cat /proc/self/cgroup)
			while IFS=: read -r number controllers path; do
				case "$controllers" in
					"") hierarchy=/sys/fs/cgroup/unified ;;
					name=systemd) hierarchy=/sys/fs/cgroup/systemd ;;
					memory|pids|devices) hierarchy="/sys/fs/cgroup/$controllers" ;;
					*) continue ;;
				esac
				[ -d "$hierarchy" ] || continue
				mkdir "$hierarchy${path%/}/$id"
				echo "$hierarchy${path%/}/$id" >> "$cgroups"
				echo $$ > "$hierarchy${path%/}/$id/cgroup.procs"
			done <<EOF
			$own
			EOF
			exec unshare --cgroup --pid --fork --mount --mount-proc --propagation private \\
				env -i container=other PATH=/usr/sbin:/usr/bin:/sbin:/bin SERVICE="$service" /bin/sh -c '
			set -e
			# /run first: mount(8) writes below it. -n: no mtab, no utab
			mount -n -t tmpfs -o mode=755 tmpfs /run
			# Bound before /tmp is replaced: the service directory may be below it
			mount -n -t tmpfs -o mode=755 tmpfs /opt
			mkdir -p /opt/myservice
			mount -n --bind "$SERVICE" /opt/myservice
			mount -n -t tmpfs -o mode=1777 tmpfs /tmp
			if [ -d /var/log/journal ]; then mount -n -t tmpfs -o mode=755 tmpfs /var/log/journal; fi
			# systemd mounts the cgroup file systems itself, from its cgroup namespace
			umount -R -n /sys/fs/cgroup
			exec /usr/bin/systemd "$@"' sh "$@"
			""";

	private final List<String> extraArguments;

	private Path root;

	private Path serviceDirectory;

	private Process unshare;

	private long pid;

	private Path pidNamespace;

	private Path tmpMarker;

	private Path runMarker;

	private Duration bootTime;

	private Thread shutdownHook;

	public RealSystemd(String... extraArguments) {
		this.extraArguments = List.of(extraArguments);
	}

	@Override
	public void beforeEach(ExtensionContext context) throws Exception {
		boot();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	/**
	 * Boot systemd and wait until {@code systemctl is-system-running} says
	 * {@code running} or {@code degraded}.
	 * @throws IOException if the files it needs cannot be made
	 */
	public void boot() throws IOException {
		assumeTrue("root".equals(System.getProperty("user.name")), "a real systemd needs root");
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd")) && Files.isExecutable(Path.of("/usr/bin/unshare"))
				&& Files.isExecutable(Path.of("/usr/bin/nsenter")), "systemd and util-linux are installed");
		ensureServiceUser();
		String marker = "bootd-systemd-" + UUID.randomUUID();
		this.tmpMarker = Files.writeString(Path.of("/tmp", marker), marker);
		this.runMarker = Files.writeString(Path.of("/run", marker), marker);
		this.root = Files.createTempDirectory("bootd-systemd-");
		this.serviceDirectory = Files.createDirectory(this.root.resolve("service"));
		// The service user reads it through the bind mount: the parents do not matter
		Files.setPosixFilePermissions(this.serviceDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", BOOT_SCRIPT, "bash", cgroupsFile().toString(),
				this.serviceDirectory.toString()));
		command.add("systemd.unit=basic.target");
		command.add("systemd.journald.storage=volatile");
		for (String unit : masked()) {
			command.add("systemd.mask=" + unit);
		}
		command.addAll(this.extraArguments);
		long start = System.nanoTime();
		this.unshare = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.root.resolve("systemd.log").toFile())
			.start();
		this.shutdownHook = new Thread(this::kill, "kill systemd");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		long unsharePid = this.unshare.pid();
		Path children = Path.of("/proc", Long.toString(unsharePid), "task", Long.toString(unsharePid), "children");
		if (!SampleDaemon.await(() -> (this.pid = systemdChild(children)) != 0 || !this.unshare.isAlive(), BOOT_TIMEOUT)
				|| this.pid == 0) {
			throw new IllegalStateException("systemd did not start in its namespace: " + log());
		}
		this.pidNamespace = Files.readSymbolicLink(Path.of("/proc", Long.toString(this.pid), "ns", "pid"));
		String[] state = { "" };
		boolean up = SampleDaemon.await(() -> {
			if (!this.unshare.isAlive()) {
				return true;
			}
			state[0] = run(Duration.ofSeconds(30), "systemctl", "is-system-running").stdout().trim();
			return state[0].equals("running") || state[0].equals("degraded");
		}, BOOT_TIMEOUT);
		if (!up || !this.unshare.isAlive()) {
			throw new IllegalStateException("systemd did not boot (is-system-running: " + state[0] + "): " + log());
		}
		this.bootTime = Duration.ofNanos(System.nanoTime() - start);
		System.out.println(
				"RealSystemd: systemd pid " + this.pid + " " + state[0] + " after " + this.bootTime.toMillis() + " ms");
	}

	private static long systemdChild(Path children) {
		try {
			String[] pids = Files.readString(children).trim().split("\\s+");
			if (pids.length == 1 && !pids[0].isEmpty()) {
				// bash, unshare, env and sh exec one another: the forked child ends as
				// systemd
				String comm = Files.readString(Path.of("/proc", pids[0], "comm")).trim();
				return comm.equals("systemd") ? Long.parseLong(pids[0]) : 0;
			}
			return 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Every unit the boot would pull in, but journald.
	 */
	private static Set<String> masked() throws IOException {
		Set<String> units = new TreeSet<>(ALWAYS_MASKED);
		for (String directory : new String[] { "/etc/systemd/system", "/usr/lib/systemd/system",
				"/lib/systemd/system" }) {
			for (String target : PULLING_TARGETS) {
				Path wants = Path.of(directory, target + ".target.wants");
				if (Files.isDirectory(wants)) {
					try (DirectoryStream<Path> entries = Files.newDirectoryStream(wants)) {
						for (Path entry : entries) {
							units.add(entry.getFileName().toString());
						}
					}
				}
			}
		}
		units.removeAll(KEPT);
		return units;
	}

	/**
	 * Create the service user if it is missing, as a system user with no home and no
	 * login shell: a developer's machine needs it as much as CI does.
	 */
	static void ensureServiceUser() {
		if (exec(Duration.ofSeconds(30), List.of("id", "-u", SERVICE_USER)).exitCode() == 0) {
			return;
		}
		Result useradd = exec(Duration.ofSeconds(60), List.of("useradd", "--system", "--user-group", "--no-create-home",
				"--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SERVICE_USER));
		// 9: created meanwhile by a test running beside this one
		if (useradd.exitCode() != 0 && useradd.exitCode() != 9) {
			throw new IllegalStateException("useradd " + SERVICE_USER + " failed: " + useradd.output());
		}
	}

	/**
	 * The directory of the machine bound at {@value #SERVICE_DIRECTORY} inside, mode
	 * 0755: the jar, configuration files.
	 * @return the directory
	 */
	public Path serviceDirectory() {
		return this.serviceDirectory;
	}

	/**
	 * Copy a jar into the service directory as {@code myservice.jar}, readable by the
	 * service user (the build's own directory may not be).
	 * @param jar the jar
	 * @return its path inside the namespace
	 * @throws IOException if it cannot be copied
	 */
	public String installJar(Path jar) throws IOException {
		Path copy = this.serviceDirectory.resolve("myservice.jar");
		Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
		Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
		return SERVICE_DIRECTORY + "/myservice.jar";
	}

	/**
	 * Write a file into the service directory, readable by the service user.
	 * @param name the file name
	 * @param content its content
	 * @throws IOException if it cannot be written
	 */
	public void writeServiceFile(String name, String content) throws IOException {
		Path file = this.serviceDirectory.resolve(name);
		Files.writeString(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
	}

	/**
	 * Install a unit in {@code /run/systemd/system} inside, and {@code daemon-reload}.
	 * @param name the unit's name, such as {@code myservice.service}
	 * @param content the unit file
	 * @throws IOException if it cannot be written
	 */
	public void installUnit(String name, String content) throws IOException {
		Files.writeString(Files.createDirectories(inside("/run/systemd/system")).resolve(name), content);
		daemonReload();
	}

	/**
	 * Install a drop-in for a unit ({@code /run/systemd/system/<unit>.d/<name>.conf}),
	 * and {@code daemon-reload}: how a test adapts a recipe without editing it.
	 * @param unit the unit's name
	 * @param name the drop-in's name
	 * @param content its content
	 * @throws IOException if it cannot be written
	 */
	public void installDropIn(String unit, String name, String content) throws IOException {
		Files.writeString(Files.createDirectories(inside("/run/systemd/system/" + unit + ".d")).resolve(name + ".conf"),
				content);
		daemonReload();
	}

	private void daemonReload() {
		Result reload = systemctl("daemon-reload");
		if (reload.exitCode() != 0) {
			throw new IllegalStateException("systemctl daemon-reload failed: " + reload.output());
		}
	}

	/**
	 * A path inside the namespace, seen from the machine through systemd's root
	 * ({@code /proc/<pid>/root}): its {@code /run}, its {@code /proc}.
	 * @param path the absolute path inside
	 * @return the same file seen from the machine
	 */
	public Path inside(String path) {
		return Path.of("/proc", Long.toString(this.pid), "root", path.substring(1));
	}

	/**
	 * Run {@code systemctl} inside.
	 * @param args its arguments
	 * @return what it did
	 */
	public Result systemctl(String... args) {
		return run(COMMAND_TIMEOUT, concat("systemctl", args));
	}

	/**
	 * Run {@code journalctl --no-pager} inside.
	 * @param args its arguments, such as {@code -u myservice}
	 * @return what it did
	 */
	public Result journalctl(String... args) {
		return run(COMMAND_TIMEOUT, concat("journalctl", concat("--no-pager", args)));
	}

	/**
	 * One property of a unit, as {@code systemctl show -p <property> --value} says it.
	 * @param unit the unit
	 * @param property the property, such as {@code MainPID}
	 * @return its value
	 */
	public String show(String unit, String property) {
		Result show = systemctl("show", "-p", property, "--value", unit);
		if (show.exitCode() != 0) {
			throw new IllegalStateException("systemctl show " + unit + " failed: " + show.output());
		}
		return show.stdout().trim();
	}

	/**
	 * Send a signal to a process of the namespace, with the real {@code kill} run inside.
	 * @param signal the signal name, such as {@code STOP}
	 * @param pid the process' pid inside the namespace
	 */
	public void kill(String signal, long pid) {
		Result kill = run(Duration.ofSeconds(30), "kill", "-" + signal, Long.toString(pid));
		if (kill.exitCode() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + kill.output());
		}
	}

	/**
	 * Run a command inside the namespace (its mounts and pids).
	 * @param timeout the bound
	 * @param command the command
	 * @return what it did
	 */
	public Result run(Duration timeout, String... command) {
		List<String> nsenter = new ArrayList<>(List.of("nsenter", "-t", Long.toString(this.pid), "-m", "-p"));
		nsenter.addAll(List.of(command));
		return exec(timeout, nsenter);
	}

	private static String[] concat(String first, String... rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	private static Result exec(Duration timeout, List<String> command) {
		try {
			Path out = Files.createTempFile("bootd-systemd-", ".out");
			Path err = Files.createTempFile("bootd-systemd-", ".err");
			try {
				Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
				}
				return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
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
	 * systemd's pid on the machine.
	 * @return the pid
	 */
	public long pid() {
		return this.pid;
	}

	/**
	 * How long the boot took, until {@code is-system-running} answered.
	 * @return the time
	 */
	public Duration bootTime() {
		return this.bootTime;
	}

	private Path cgroupsFile() {
		return this.root.resolve("cgroups");
	}

	private String log() {
		try {
			return Files.readString(this.root.resolve("systemd.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private void kill() {
		if (this.pid != 0) {
			ProcessHandle.of(this.pid).ifPresent(ProcessHandle::destroyForcibly);
		}
		if (this.unshare != null) {
			this.unshare.destroyForcibly();
		}
	}

	/**
	 * Kill systemd by its pid, and check that it left the machine as it was.
	 */
	@Override
	public void close() {
		if (this.root == null) {
			return;
		}
		List<String> problems = new ArrayList<>();
		try {
			if (this.pid != 0) {
				// SIGKILL of the namespace's init: the kernel kills every process in it
				ProcessHandle.of(this.pid).ifPresent(ProcessHandle::destroyForcibly);
				if (!SampleDaemon.await(() -> !this.unshare.isAlive(), Duration.ofSeconds(60))) {
					problems.add("unshare (pid " + this.unshare.pid() + ") did not end");
				}
				if (!SampleDaemon.await(() -> processesOf(this.pidNamespace).isEmpty(), Duration.ofSeconds(60))) {
					problems.add("processes left in " + this.pidNamespace + ": " + processesOf(this.pidNamespace));
				}
			}
			else if (this.unshare != null) {
				this.unshare.destroyForcibly();
			}
			removeCgroups(problems);
			for (Path marker : new Path[] { this.tmpMarker, this.runMarker }) {
				if (!Files.isRegularFile(marker)) {
					problems.add(marker + " is gone: systemd changed the machine's " + marker.getParent());
				}
				Files.deleteIfExists(marker);
			}
			if (this.shutdownHook != null) {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			deleteRecursively(this.root);
		}
		catch (IOException ex) {
			problems.add(ex.toString());
		}
		finally {
			this.root = null;
		}
		if (!problems.isEmpty()) {
			throw new AssertionError("The real systemd did not leave the machine as it was: " + problems);
		}
	}

	private static List<Long> processesOf(Path pidNamespace) {
		List<Long> pids = new ArrayList<>();
		try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : proc) {
				try {
					if (Files.readSymbolicLink(process.resolve("ns/pid")).equals(pidNamespace)) {
						pids.add(Long.parseLong(process.getFileName().toString()));
					}
				}
				catch (IOException ex) {
					// Ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pids;
	}

	/**
	 * Remove the cgroup subtrees the boot made: empty once every process has ended, and
	 * the kernel keeps them until removed.
	 */
	private void removeCgroups(List<String> problems) throws IOException {
		if (!Files.isRegularFile(cgroupsFile())) {
			return;
		}
		for (String line : Files.readAllLines(cgroupsFile())) {
			Path cgroup = Path.of(line.trim());
			if (line.isBlank() || !Files.isDirectory(cgroup)) {
				continue;
			}
			boolean removed = SampleDaemon.await(() -> {
				try (Stream<Path> tree = Files.walk(cgroup)) {
					for (Path directory : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(directory);
					}
					return true;
				}
				catch (IOException | UncheckedIOException ex) {
					// Busy until its last process has gone
					return false;
				}
			}, Duration.ofSeconds(60));
			if (!removed) {
				problems.add("cgroup " + cgroup + " could not be removed");
			}
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> tree = Files.walk(directory)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * What a command run by the fixture did.
	 *
	 * @param exitCode its exit status
	 * @param stdout what it printed on stdout
	 * @param stderr what it printed on stderr
	 */
	public record Result(int exitCode, String stdout, String stderr) {

		public String output() {
			return this.stdout + this.stderr;
		}

	}

}
