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
package io.github.bootd.launch;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

import io.github.bootd.launch.handshake.DaemonHandshake.Kind;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.settings.FailureAnalysisText;

/**
 * Sends Spring Boot's failure analysis of a daemon child's failed start to the waiting
 * launcher, which prints it on the terminal the user is looking at.
 *
 * @author bootd authors
 */
class HandshakeFailureAnalysisReporter implements FailureAnalysisReporter {

	@Override
	public void report(FailureAnalysis analysis) {
		DaemonHandshake handshake = DaemonHandshake.current();
		if (handshake != null) {
			handshake.send(Kind.ANALYSIS, FailureAnalysisText.format(analysis));
		}
	}

}
