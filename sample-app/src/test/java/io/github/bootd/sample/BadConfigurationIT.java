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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.bootd.sample.SampleDaemon.Launch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every invalid {@code daemon.*} value is reported by the launching command, naming the
 * property, the value and the fix, with exit status 6 and nothing left running.
 *
 * @author bootd authors
 */
class BadConfigurationIT {

	@RegisterExtension
	final SampleDaemonExtension daemons = new SampleDaemonExtension();

	private final Path directory = this.daemons.directory();

	private final SampleDaemon sample = this.daemons.sample();

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					daemon.umask=089               | daemon.umask           | 089     | Write the mask in octal
					daemon.umask=u=rwx             | daemon.umask           | u=rwx   | Write the mask in octal
					daemon.startup-timeout=-5s     | daemon.startup-timeout | -5s     | Use a positive duration
					daemon.startup-timeout=soon    | daemon.startup-timeout | soon    | Use a positive duration
					daemon.stop-timeout=abc        | daemon.stop-timeout    | abc     | Use a positive duration
					daemon.mode=background         | daemon.mode            | background | Use one of auto, detach or foreground
					daemon.working-directory=nowhere | daemon.working-directory | nowhere | Create the directory
					daemon.pid-file=missing/s.pid  | daemon.pid-file        | missing/s.pid | Create it (mkdir -p
					daemon.output-file=missing/s.out | daemon.output-file   | missing/s.out | Create it (mkdir -p
					daemon.output-file=.           | daemon.output-file     | .       | Point daemon.output-file at a file
					daemon.enabled=maybe           | daemon.enabled         | maybe   | Use true or false
					daemon.enabled=                | daemon.enabled         | ''      | Use true or false. Remove the property
					daemon.mode=                   | daemon.mode            | ''      | Use one of auto, detach or foreground
					daemon.umask=1000              | daemon.umask           | 1000    | Write the mask in octal
					daemon.umask=                  | daemon.umask           | ''      | Write the mask in octal
					daemon.startup-timeout=0s      | daemon.startup-timeout | 0s      | Use a positive duration
					daemon.startup-timeout=        | daemon.startup-timeout | ''      | Use a positive duration
					daemon.stop-timeout=-1s        | daemon.stop-timeout    | -1s     | Use a positive duration
					daemon.stop-timeout=           | daemon.stop-timeout    | ''      | Use a positive duration
					daemon.working-directory=/etc/hostname | daemon.working-directory | /etc/hostname | Create the directory
					daemon.working-directory=      | daemon.working-directory | ''    | Set daemon.working-directory to an existing directory
					daemon.pid-file=.              | daemon.pid-file        | .       | Point daemon.pid-file at a regular file
					daemon.output-file=            | daemon.output-file     | ''      | or to /dev/null to discard the output
					""")
	void runWhenValueInvalidShouldExplainAndExitSix(String argument, String property, String value, String fix) {
		Launch launch = this.sample.launch("--" + argument);
		assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
		assertThat(launch.stderr()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + value + "' for property '" + property + "'")
			.contains("(from \"" + property + "\" from property source \"commandLineArgs\")")
			.contains(fix);
		assertThat(launch.stdout()).isEmpty();
		assertThat(this.sample.pidFile()).doesNotExist();
		assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
	}

	@Test
	void runWhenOutputDirectoryIsNotWritableShouldExplainAndExitSix() throws Exception {
		// The tests run as root, whom permission bits do not stop: an immutable directory
		// does
		Path locked = Files.createDirectory(this.directory.resolve("locked"));
		SampleDaemon.require(chattr("+i", locked),
				"chattr +i (root with CAP_LINUX_IMMUTABLE, a file system that supports it)");
		try {
			Launch launch = this.sample.launch("--daemon.output-file=locked/sample.out");
			assertThat(launch.exitCode()).as(launch.output()).isEqualTo(6);
			assertThat(launch.stderr()).contains("Invalid value 'locked/sample.out' for property 'daemon.output-file'")
				.contains("cannot create files in " + locked)
				.contains("Grant the service user write permission on " + locked);
			assertThat(PidFileIT.javaProcessesRunning(this.directory.toString())).isEmpty();
		}
		finally {
			chattr("-i", locked);
		}
	}

	private static boolean chattr(String change, Path path) throws Exception {
		Process process = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true).start();
		return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
	}

}
