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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started by root with {@code daemon.user}, the daemon runs as that user from its JVM's
 * first instruction: its ids, groups and capabilities are read from
 * {@code /proc/<pid>/status}, the one capability a port below 1024 needs is kept only
 * then, and every bad value is refused before anything detaches (docs/detaching.md,
 * "Running as a user"). The tests run as root, as CI does.
 *
 * @author bootd authors
 */
class PrivilegeIT {

	private static final long NOBODY = 65534;

	private static final String NO_CAPABILITIES = "0000000000000000";

	private static final String NET_BIND_SERVICE = "0000000000000400";

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	private final List<AutoCloseable> cleanups = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		// JUnit runs this before the extension stops the daemons, and userdel refuses a
		// user with a process: stop them first (the extension finds nothing left)
		this.sample.close();
		for (AutoCloseable cleanup : this.cleanups) {
			cleanup.close();
		}
	}

	@Test
	void startWhenRootNamesAUserShouldRunTheDaemonAsThatUserWithItsGroupsAndNoCapability() throws Exception {
		assertThat(ServiceUser.run("id", "-u").trim()).as("these tests run as root").isEqualTo("0");
		ServiceUser user = user();
		user.own(this.directory);
		Launch launch = this.sample.launch("--daemon.user=" + user.name());
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		Map<String, String> status = ProcFacts.of(pid).status();
		assertThat(ids(status.get("Uid"))).containsOnly(user.uid());
		assertThat(ids(status.get("Gid"))).containsOnly(user.gid());
		assertThat(ids(status.get("Groups"))).containsExactlyInAnyOrder(user.gid(), user.extraGid());
		for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
			assertThat(status.get(set)).as(set).isEqualTo(NO_CAPABILITIES);
		}
		assertThat(status.get("NoNewPrivs")).isEqualTo("1");
		// A nologin shell and a home that does not exist, as a service account has
		assertThat(environment(pid)).containsEntry("HOME", "/nonexistent")
			.containsEntry("USER", user.name())
			.containsEntry("LOGNAME", user.name());
		assertThat(Files.getOwner(this.sample.pidFile()).getName()).isEqualTo(user.name());
		JsonNode process = json.readTree(this.sample.get("/actuator/daemon").body()).get("process");
		assertThat(process.get("user").asString()).isEqualTo(user.name());
		assertThat(process.get("gid").asLong()).isEqualTo(user.gid());
		assertThat(process.get("groups").valueStream().map(JsonNode::asLong)).containsExactlyInAnyOrder(user.gid(),
				user.extraGid());
		assertThat(process.get("capabilities").isEmpty()).as(process.toString()).isTrue();
		// Status as root and as the user, stop as the user
		List<String> status0 = this.sample.command(List.of(), "--daemon.user=" + user.name(), "--daemon.action=status");
		Launch asRoot = this.sample.run(status0);
		assertThat(asRoot.exitCode()).as(asRoot.output()).isZero();
		assertThat(asRoot.stdout()).contains("is running: pid " + pid);
		Launch asUser = this.sample.run(user.asThisUser(status0));
		assertThat(asUser.exitCode()).as(asUser.output()).isZero();
		assertThat(asUser.stdout()).contains("is running: pid " + pid);
		Launch stop = this.sample.run(user
			.asThisUser(this.sample.command(List.of(), "--daemon.user=" + user.name(), "--daemon.action=stop")));
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(SampleDaemon.awaitExit(pid, SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
		assertThat(this.sample.pidFile()).doesNotExist();
	}

	@Test
	void startWhenThePortIsBelow1024ShouldKeepOnlyTheCapabilityToBindIt() throws Exception {
		chown(this.directory, "nobody:nogroup");
		int port = ServiceUser.freePrivilegedPort();
		Launch launch = this.sample.launch("--daemon.user=nobody", "--server.port=" + port);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		Map<String, String> status = ProcFacts.of(pid).status();
		assertThat(ids(status.get("Uid"))).containsOnly(NOBODY);
		for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
			assertThat(status.get(set)).as(set).isEqualTo(NET_BIND_SERVICE);
		}
		assertThat(status.get("NoNewPrivs")).isEqualTo("1");
		HttpResponse<String> greeting = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greeting"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(greeting.statusCode()).isEqualTo(200);
		// Stopped by root
		Launch stop = this.sample.run(this.sample.command(List.of(), "--daemon.user=nobody", "--server.port=" + port,
				"--daemon.action=stop"));
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(SampleDaemon.awaitExit(pid, SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
	}

	@Test
	void startWhenNoPidFileIsSetShouldCreateItsDirectoryUnderRunForTheUser() throws Exception {
		chown(this.directory, "nobody:nogroup");
		String name = "bootdp-" + UUID.randomUUID().toString().substring(0, 8);
		Path runtimeDirectory = Path.of("/run", name);
		this.cleanups.add(() -> delete(runtimeDirectory));
		List<String> start = withoutPidFile("--spring.application.name=" + name, "--daemon.user=nobody");
		Launch launch = this.sample.run(start);
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		Path pidFile = runtimeDirectory.resolve(name + ".pid");
		assertThat(launch.stdout()).contains("pid file " + pidFile);
		assertThat(Files.getOwner(runtimeDirectory, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runtimeDirectory)))
			.isEqualTo("rwxr-xr-x");
		long pid = Long.parseLong(Files.readString(pidFile).trim());
		this.sample.remember(pid);
		assertThat(ids(ProcFacts.of(pid).status().get("Uid"))).containsOnly(NOBODY);
		// The actions find the same default, as root and as the user
		Launch status = this.sample
			.run(withoutPidFile("--spring.application.name=" + name, "--daemon.user=nobody", "--daemon.action=status"));
		assertThat(status.exitCode()).as(status.output()).isZero();
		List<String> stop = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
		stop.addAll(
				withoutPidFile("--spring.application.name=" + name, "--daemon.user=nobody", "--daemon.action=stop"));
		Launch stopped = this.sample.run(stop);
		assertThat(stopped.exitCode()).as(stopped.output()).isZero();
		assertThat(SampleDaemon.awaitExit(pid, SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void startWhenConfigurationFileNamesAUserShouldStartNoJvmAsRootButTheLauncher() throws Exception {
		// daemon.enabled comes from the jar: the early launch would start a child at once
		chown(this.directory, "nobody:nogroup");
		Files.writeString(this.directory.resolve("application.properties"), "daemon.user=nobody\n");
		Launch launch = this.sample.run(this.sample.command(List.of(this.sample.classLogOption())));
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		long pid = this.sample.pid();
		assertThat(ids(ProcFacts.of(pid).status().get("Uid"))).containsOnly(NOBODY);
		// Every JVM wrote its class log as its user: the launcher's, and the daemon's
		Map<Path, String> owners = new HashMap<>();
		for (Path log : this.sample.classLogs()) {
			owners.put(log.getFileName(), Files.getOwner(log).getName());
		}
		assertThat(owners).containsOnly(Map.entry(this.sample.classLog(launch.pid()).getFileName(), "root"),
				Map.entry(this.sample.classLog(pid).getFileName(), "nobody"));
	}

	@Test
	void initScriptWhenRunByRootShouldStartTheDaemonAsAppUserAndRestartItAsRoot() throws Exception {
		chown(this.directory, "nobody:nogroup");
		Map<String, String> environment = new HashMap<>();
		environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		environment.put("APP_HOME", this.directory.toString());
		environment.put("APP_JAR", SampleDaemon.jar().toString());
		environment.put("APP_USER", "nobody");
		environment.put("APP_OPTS",
				"--daemon.pid-file=" + this.sample.pidFile() + " --daemon.output-file=" + this.sample.outputFile()
						+ " --server.port=" + this.sample.port() + " --daemon.startup-timeout="
						+ SampleDaemon.STARTUP_TIMEOUT);
		Launch start = initScript("start", environment);
		assertThat(start.exitCode()).as(start.output()).isZero();
		long first = this.sample.pid();
		assertThat(ids(ProcFacts.of(first).status().get("Uid"))).containsOnly(NOBODY);
		Launch status = initScript("status", environment);
		assertThat(status.exitCode()).as(status.output()).isZero();
		// As root, a stop and a start: the jar's restart would refuse the user's record
		Launch restart = initScript("restart", environment);
		assertThat(restart.exitCode()).as(restart.output()).isZero();
		long second = this.sample.pid();
		assertThat(second).isNotEqualTo(first);
		assertThat(ProcFacts.isAlive(first)).isFalse();
		assertThat(ids(ProcFacts.of(second).status().get("Uid"))).containsOnly(NOBODY);
		Launch stop = initScript("stop", environment);
		assertThat(stop.exitCode()).as(stop.output()).isZero();
		assertThat(SampleDaemon.awaitExit(second, SampleDaemon.LAUNCH_TIMEOUT)).isTrue();
	}

	private Launch initScript(String action, Map<String, String> environment) throws IOException {
		Path script = Path.of(System.getProperty("recipes.dir"), "myservice.init");
		ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), action).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("init-" + action + ".out").toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			if (!process.waitFor(SampleDaemon.LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("The init script's " + action + " did not return");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Launch launch = new Launch(process.pid(), process.exitValue(),
				Files.readString(this.directory.resolve("init-" + action + ".out")), "");
		this.sample.remember(launch);
		return launch;
	}

	@Test
	void startWhenRootRunsItWithoutAUserShouldWarnOnceOnTheLauncherAndInTheLog() throws Exception {
		Launch launch = this.sample.launch();
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.stderr().lines().filter((line) -> line.contains("runs as root"))).singleElement()
			.asString()
			.startsWith("bootd: warning: sample runs as root")
			.contains("daemon.user")
			.contains("User=")
			.contains("daemon.allow-root=true");
		assertThat(
				Files.readAllLines(this.sample.outputFile()).stream().filter((line) -> line.contains("runs as root")))
			.singleElement()
			.asString()
			.contains(" WARN ");
	}

	@Test
	void startWhenRootIsAllowedShouldNotWarn() throws Exception {
		Launch launch = this.sample.launch("--daemon.allow-root=true");
		assertThat(launch.exitCode()).as(launch.output()).isZero();
		assertThat(launch.output()).doesNotContain("runs as root");
		assertThat(Files.readString(this.sample.outputFile())).doesNotContain("runs as root");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					--daemon.user=bootd-no-such-user        | daemon.user             | bootd-no-such-user | useradd --system
					--daemon.user=root                      | daemon.user             | root    | remove daemon.user and start the daemon as root
					--daemon.user=0                         | daemon.user             | 0       | remove daemon.user and start the daemon as root
					--daemon.user=                          | daemon.user             | ''      | Set daemon.user to the service account's name or uid
					--daemon.user=nobody --daemon.group=bootd-no-such-group | daemon.group | bootd-no-such-group | groupadd --system
					--daemon.user=nobody --daemon.group=root | daemon.group           | root    | remove it to use nobody's primary group (nogroup)
					--daemon.group=nogroup                  | daemon.group            | nogroup | Set daemon.user to the service account as well
					--daemon.user=nobody --daemon.privileged-ports=sometimes | daemon.privileged-ports | sometimes | Use one of auto, always or never
					""")
	void startWhenTheUserIsWrongShouldExplainAndExitSix(String arguments, String property, String value, String fix) {
		chown(this.directory, "nobody:nogroup");
		Launch launch = this.sample.launch(arguments.split(" "));
		assertRefused(launch, property, value, fix);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					--daemon.pid-file=rootdir/sample.pid     | daemon.pid-file    | rootdir/sample.pid | (chown nobody DIR/rootdir)
					--daemon.output-file=root.out            | daemon.output-file | root.out | (owned by root:root, mode 0644)
					--logging.file.name=rootdir/sample.log   | logging.file.name  | rootdir/sample.log | (chown nobody DIR/rootdir)
					--logging.file.path=rootdir              | logging.file.path  | rootdir  | (chown nobody DIR/rootdir)
					""")
	void startWhenTheUserCannotWriteItsFilesShouldNameTheOwnerAndExitSix(String argument, String property, String value,
			String fix) throws Exception {
		chown(this.directory, "nobody:nogroup");
		Path rootDirectory = Files.createDirectory(this.directory.resolve("rootdir"));
		Files.setPosixFilePermissions(rootDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path rootFile = Files.writeString(this.directory.resolve("root.out"), "");
		Files.setPosixFilePermissions(rootFile, PosixFilePermissions.fromString("rw-r--r--"));
		Launch launch = this.sample.launch("--daemon.user=nobody", argument);
		assertRefused(launch, property, value, fix.replace("DIR", this.directory.toString()));
		assertThat(launch.stderr()).contains("owned by root:root, mode 0");
	}

	@Test
	void startWhenTheUserCannotEnterTheLaunchDirectoryShouldExitSix() {
		// The test's directory is root's, mode 0700
		Launch launch = this.sample.launch("--daemon.user=nobody");
		assertRefused(launch, "daemon.user", "nobody", "Start the daemon from a directory nobody can enter");
		assertThat(launch.stderr())
			.contains("nobody cannot enter " + this.directory + " (owned by root:root, mode 0700)");
	}

	@Test
	void startWhenNotRootAndNotThatUserShouldPointAtTheSupervisorAndExitSix() {
		chown(this.directory, "nobody:nogroup");
		List<String> command = new ArrayList<>(
				List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
		command.addAll(this.sample.command(List.of(), "--daemon.user=daemon"));
		Launch launch = this.sample.run(command);
		assertRefused(launch, "daemon.user", "daemon", "User=daemon");
		assertThat(launch.stderr()).contains("this process runs as nobody (uid 65534), and only root can start")
			.contains("USER daemon");
	}

	@Test
	void startInTheForegroundAsRootWithAUserShouldPointAtTheSupervisorAndExitSix() {
		Launch launch = this.sample.launch("--daemon.mode=foreground", "--daemon.user=nobody");
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.output()).contains("Invalid value 'nobody' for property 'daemon.user'")
			.contains("no launcher starts it as nobody")
			.contains("User=nobody")
			.contains("USER nobody");
		assertThat(this.sample.pidFile()).doesNotExist();
	}

	private void assertRefused(Launch launch, String property, String value, String fix) {
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("Invalid value '" + value + "' for property '" + property + "'")
			.contains(fix);
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
	}

	private List<String> withoutPidFile(String... args) {
		List<String> command = new ArrayList<>(this.sample.command(List.of(), args));
		command.removeIf((arg) -> arg.startsWith("--daemon.pid-file="));
		return command;
	}

	private ServiceUser user() throws IOException {
		ServiceUser user = ServiceUser.create();
		this.cleanups.add(user);
		return user;
	}

	private static Set<Long> ids(String field) {
		return Arrays.stream(field.trim().split("\\s+"))
			.filter((id) -> !id.isEmpty())
			.map(Long::parseLong)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static Map<String, String> environment(long pid) throws IOException {
		Map<String, String> environment = new HashMap<>();
		for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	private static void chown(Path path, String owner) {
		try {
			ServiceUser.run("chown", owner, path.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(Path directory) throws IOException {
		if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
		Files.deleteIfExists(directory);
	}

}
