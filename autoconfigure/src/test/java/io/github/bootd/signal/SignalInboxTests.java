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
package io.github.bootd.signal;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.bootd.signal.SignalInbox.Request;
import io.github.bootd.signal.SignalInbox.Work;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalInbox}.
 *
 * @author bootd authors
 */
class SignalInboxTests {

	private final SignalInbox inbox = new SignalInbox();

	@Test
	void takeWhenBurstOfHupsShouldAskForOneReloadAndCountThemAll() throws InterruptedException {
		for (int i = 0; i < 10_000; i++) {
			this.inbox.receive("HUP", Request.RELOAD);
		}
		Work work = this.inbox.take(1, TimeUnit.SECONDS);
		assertThat(work).isNotNull();
		assertThat(work.reload()).isTrue();
		assertThat(work.reopenLogs()).isTrue();
		assertThat(work.received()).hasSize(10_000).containsOnly("HUP");
		assertThat(this.inbox.take(10, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void takeWhenOnlyUsr1ShouldReopenWithoutReload() throws InterruptedException {
		this.inbox.receive("USR1", Request.REOPEN_LOGS);
		Work work = this.inbox.take(1, TimeUnit.SECONDS);
		assertThat(work).isNotNull();
		assertThat(work.reload()).isFalse();
		assertThat(work.reopenLogs()).isTrue();
	}

	@Test
	void takeWhenUsr2ShouldAskForAnUpgrade() throws InterruptedException {
		this.inbox.receive("USR2", Request.UPGRADE);
		Work work = this.inbox.take(1, TimeUnit.SECONDS);
		assertThat(work).isNotNull();
		assertThat(work.reload()).isFalse();
		assertThat(work.reopenLogs()).isFalse();
		assertThat(work.upgrade()).isTrue();
		assertThat(work.received()).containsExactly("USR2");
	}

	@Test
	void takeWhenHupArrivesAfterATakeShouldAskForAnotherReload() throws InterruptedException {
		this.inbox.receive("HUP", Request.RELOAD);
		assertThat(this.inbox.take(1, TimeUnit.SECONDS).reload()).isTrue();
		this.inbox.receive("HUP", Request.RELOAD);
		Work work = this.inbox.take(1, TimeUnit.SECONDS);
		assertThat(work).isNotNull();
		assertThat(work.reload()).isTrue();
	}

}
