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
package io.github.bootd.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonSettingsBinder} and
 * {@link InvalidDaemonPropertyFailureAnalyzer}.
 *
 * @author bootd authors
 */
class DaemonSettingsBinderTests {

	@TempDir
	Path directory;

	private final MockEnvironment environment = new MockEnvironment().withProperty("daemon.enabled", "true");

	@Test
	void bindWhenDefaultsShouldResolveAgainstLaunchDirectory() {
		DaemonSettings settings = bind();
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.mode()).isEqualTo(DaemonMode.AUTO);
		assertThat(settings.workingDirectory()).isEqualTo(Path.of("/"));
		assertThat(settings.umaskText()).isEqualTo("0022");
		assertThat(settings.pidFile()).isEqualTo(this.directory.resolve("default.pid"));
		assertThat(settings.outputFile()).isEqualTo(this.directory.resolve("default.out"));
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void bindWhenRelativePathsShouldResolveThemAgainstLaunchDirectory() throws Exception {
		Files.createDirectory(this.directory.resolve("run"));
		this.environment.withProperty("daemon.pid-file", "run/app.pid")
			.withProperty("daemon.output-file", "app.out")
			.withProperty("daemon.working-directory", "run")
			.withProperty("daemon.umask", "0077");
		DaemonSettings settings = bind();
		assertThat(settings.pidFile()).isEqualTo(this.directory.resolve("run/app.pid"));
		assertThat(settings.outputFile()).isEqualTo(this.directory.resolve("app.out"));
		assertThat(settings.workingDirectory()).isEqualTo(this.directory.resolve("run"));
		assertThat(settings.umask()).isEqualTo(0077);
	}

	@Test
	void bindWhenOutputFileNotSetShouldPutItBesideThePidFileNamedAsTheDefaultPidFile() throws Exception {
		Files.createDirectory(this.directory.resolve("run"));
		this.environment.withProperty("daemon.pid-file", "run/other.pid");
		assertThat(bind().outputFile()).isEqualTo(this.directory.resolve("run/default.out"));
	}

	@Test
	void bindWhenOutputFileIsDevNullShouldDiscardTheOutput() {
		this.environment.withProperty("daemon.output-file", "/dev/null");
		assertThat(bind().outputFile()).isNull();
	}

	@Test
	void bindWhenOutputFileIsEmptyShouldRefuseNamingTheDefaultAndDevNull() {
		this.environment.withProperty("daemon.output-file", "");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.reason()).isEqualTo("it is empty"))
				.satisfies((problem) -> assertThat(problem.action()).contains("/dev/null")
					.contains(this.directory.resolve("default.out").toString())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "daemon.mode", "daemon.working-directory", "daemon.startup-timeout", "daemon.stop-timeout",
			"daemon.umask" })
	void bindWhenValueIsEmptyShouldRefuseInsteadOfUsingTheDefault(String property) {
		this.environment.withProperty(property, " ");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo(property)));
	}

	@Test
	void bindWhenEnabledIsEmptyShouldRefuse() {
		this.environment.withProperty("daemon.enabled", "");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.reason()).isEqualTo("it is empty")));
	}

	@Test
	void bindWhenDisabledShouldNotCheckTheRest() {
		this.environment.withProperty("daemon.enabled", "false").withProperty("daemon.umask", "nonsense");
		assertThat(bind().enabled()).isFalse();
	}

	@Test
	void bindWhenSeveralValuesInvalidShouldReportEveryOne() {
		this.environment.withProperty("daemon.umask", "8")
			.withProperty("daemon.mode", "sometimes")
			.withProperty("daemon.startup-timeout", "0s");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).extracting("property")
				.containsExactly("daemon.mode", "daemon.umask", "daemon.startup-timeout"))
			.satisfies((ex) -> assertThat(ex.getExitCode()).isEqualTo(6));
	}

	@Test
	void bindWhenStopTimeoutInvalidShouldRefuseTheStart() {
		this.environment.withProperty("daemon.stop-timeout", "abc");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("daemon.stop-timeout"))
				.satisfies((problem) -> assertThat(problem.value()).isEqualTo("abc"))
				.satisfies((problem) -> assertThat(problem.reason()).isEqualTo("it is not a duration")));
	}

	@Test
	void analyzeShouldNameTheValuePropertyAndFix() {
		this.environment.withProperty("daemon.umask", "0999");
		InvalidDaemonPropertyException ex = org.junit.jupiter.api.Assertions
			.assertThrows(InvalidDaemonPropertyException.class, this::bind);
		FailureAnalysis analysis = new InvalidDaemonPropertyFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0999' for property 'daemon.umask' (from \"daemon.umask\" from property source")
			.contains("it is not an octal file mode creation mask");
		assertThat(analysis.getAction()).startsWith("daemon.umask: Write the mask in octal");
	}

	@Test
	void bindWhenPidFileIsSymbolicLinkShouldRefuse() throws Exception {
		Path target = Files.createFile(this.directory.resolve("target"));
		Files.createSymbolicLink(this.directory.resolve("app.pid"), target);
		this.environment.withProperty("daemon.pid-file", "app.pid");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.withMessageContaining("is a symbolic link");
	}

	@Test
	void bindWhenPidFileHoldsSomethingElseShouldRefuseAndShowItsFirstBytes() throws Exception {
		Path config = Files.writeString(this.directory.resolve("application.yml"), "spring:\n  application:\n");
		this.environment.withProperty("daemon.pid-file", "application.yml");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("daemon.pid-file"))
				.satisfies((problem) -> assertThat(problem.reason())
					.isEqualTo(config + " is not a pid file: it holds 'spring:\\n  application:\\n'"))
				.satisfies((problem) -> assertThat(problem.action())
					.contains("only an empty file or one that holds a single pid")));
		assertThat(config).hasContent("spring:\n  application:\n");
	}

	@Test
	void bindWhenPidFileHoldsLongTextShouldShowOnlyItsStart() throws Exception {
		Files.writeString(this.directory.resolve("notes.txt"), "1234\n" + "x".repeat(100));
		this.environment.withProperty("daemon.pid-file", "notes.txt");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.reason()).endsWith("'1234\\n" + "x".repeat(35) + "...'")));
	}

	@Test
	void bindWhenPidFileEmptyOrStaleShouldTakeItOver() throws Exception {
		Files.createFile(this.directory.resolve("empty.pid"));
		Files.writeString(this.directory.resolve("stale.pid"), "4242\n");
		this.environment.withProperty("daemon.pid-file", "empty.pid");
		assertThat(bind().pidFile()).isEqualTo(this.directory.resolve("empty.pid"));
		this.environment.withProperty("daemon.pid-file", "stale.pid");
		assertThat(bind().pidFile()).isEqualTo(this.directory.resolve("stale.pid"));
	}

	@Test
	void bindWhenPidFileEmptyShouldRefuseInsteadOfUsingTheDefault() {
		this.environment.withProperty("daemon.pid-file", "");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("daemon.pid-file"))
				.satisfies((problem) -> assertThat(problem.reason()).isEqualTo("it is empty"))
				.satisfies((problem) -> assertThat(problem.action())
					.contains(this.directory.resolve("default.pid").toString())));
	}

	@Test
	void bindControlWhenPidFileEmptyShouldRefuse() {
		this.environment.withProperty("daemon.pid-file", " ");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bindControl)
			.satisfies((ex) -> assertThat(ex.getProblems()).extracting("property").containsExactly("daemon.pid-file"));
	}

	@Test
	void bindWhenPidFileDirectoryWritableByOthersShouldSuggestAPrivateDirectoryNotChmod() throws Exception {
		Path shared = Files.createDirectory(this.directory.resolve("shared"));
		Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		this.environment.withProperty("daemon.pid-file", "shared/app.pid");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bind)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.action()).contains("RuntimeDirectory=")
					.doesNotContain("chmod")));
	}

	@Test
	void bindControlWhenStopTimeoutNotPositiveShouldNameItAndTheFix() {
		this.environment.withProperty("daemon.stop-timeout", "0s");
		assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(this::bindControl)
			.satisfies((ex) -> assertThat(ex.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.property()).isEqualTo("daemon.stop-timeout"))
				.satisfies((problem) -> assertThat(problem.value()).isEqualTo("0s"))
				.satisfies((problem) -> assertThat(problem.action()).contains("positive duration")));
	}

	@Test
	void bindControlWhenStartChecksWouldFailShouldStillFindThePidFile() {
		// An operator must be able to stop a daemon whose configuration broke since
		this.environment.withProperty("daemon.umask", "nonsense")
			.withProperty("daemon.working-directory", "missing")
			.withProperty("daemon.pid-file", "app.pid");
		DaemonSettingsBinder.ControlSettings control = bindControl();
		assertThat(control.pidFile()).isEqualTo(this.directory.resolve("app.pid"));
		assertThat(control.stopTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	private DaemonSettingsBinder.ControlSettings bindControl() {
		return new DaemonSettingsBinder(this.environment, this.directory, () -> this.directory.resolve("default.pid"))
			.bindControl();
	}

	private DaemonSettings bind() {
		return new DaemonSettingsBinder(this.environment, this.directory, () -> this.directory.resolve("default.pid"))
			.bind();
	}

}
