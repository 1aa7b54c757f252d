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
package io.github.bootd.privilege;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserSwitch} and {@link ProcessCredentials}: the {@code setpriv}
 * command that starts the daemon as its user, and the credentials the kernel shows.
 *
 * @author bootd authors
 */
class UserSwitchTests {

	private static final ServiceAccount ACCOUNT = new ServiceAccount("svc", 998, 997, "/nonexistent",
			Set.of(997L, 42L));

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

	@Test
	void commandWhenNoPortIsPrivilegedShouldLeaveNoCapability() {
		assertThat(new UserSwitch(ACCOUNT, 997, false).command(SETPRIV)).containsExactly("/usr/bin/setpriv",
				"--reuid=998", "--regid=997", "--init-groups", "--inh-caps=-all", "--bounding-set=-all",
				"--no-new-privs", "--");
	}

	@Test
	void commandWhenAPortIsPrivilegedShouldKeepOnlyNetBindServiceInEverySet() {
		assertThat(new UserSwitch(ACCOUNT, 997, true).command(SETPRIV)).containsExactly("/usr/bin/setpriv",
				"--reuid=998", "--regid=997", "--init-groups", "--inh-caps=-all,+net_bind_service",
				"--ambient-caps=-all,+net_bind_service", "--bounding-set=-all,+net_bind_service", "--no-new-privs",
				"--");
	}

	@Test
	void environmentShouldNameTheUserAndItsHome() {
		assertThat(new UserSwitch(ACCOUNT, 997, false).environment())
			.isEqualTo(Map.of("HOME", "/nonexistent", "USER", "svc", "LOGNAME", "svc"));
	}

	@Test
	void groupsWhenAnotherPrimaryGroupIsGivenShouldBeWhatInitgroupsGives() {
		// initgroups(name, gid): the given group and those listing the user as a member
		assertThat(new UserSwitch(ACCOUNT, 500, false).groups()).containsExactlyInAnyOrder(500L, 42L);
		assertThat(new UserSwitch(ACCOUNT, 997, false).groups()).containsExactlyInAnyOrder(997L, 42L);
	}

	@Test
	void credentialsShouldBeReadFromTheStatusFile() {
		ProcessCredentials credentials = ProcessCredentials
			.parse(String.join("\n", "Name:\tjava", "Uid:\t998\t998\t998\t998", "Gid:\t997\t997\t997\t997",
					"Groups:\t42 997 ", "CapInh:\t0000000000000400", "CapEff:\t0000000000000400",
					"CapBnd:\t0000000000000400", "CapAmb:\t0000000000000400", "NoNewPrivs:\t1", ""));
		assertThat(credentials)
			.isEqualTo(new ProcessCredentials(998, 998, 997, 997, List.of(42L, 997L), 0x400, 0x400, 0x400, true));
		assertThat(credentials.root()).isFalse();
		assertThat(ProcessCredentials.names(credentials.effective())).containsExactly("cap_net_bind_service");
	}

	@Test
	void namesShouldNameEveryCapabilityOfRoot() {
		assertThat(ProcessCredentials.names(0x000001ffffffffffL)).hasSize(41)
			.startsWith("cap_chown", "cap_dac_override")
			.endsWith("cap_checkpoint_restore");
	}

}
