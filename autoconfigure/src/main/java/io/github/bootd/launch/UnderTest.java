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

/**
 * Detects a test framework on the calling stack, as Spring Boot DevTools does before it
 * restarts anything: a test JVM (Surefire's booter, an IDE runner) must never be
 * re-launched as a daemon or have its pid file claimed because the application's own
 * configuration enables the daemon.
 *
 * @author bootd authors
 */
final class UnderTest {

	private static final String[] TEST_PACKAGES = { "org.junit.", "org.springframework.boot.test.", "org.testng." };

	private UnderTest() {
	}

	static boolean detect() {
		for (StackTraceElement element : Thread.currentThread().getStackTrace()) {
			for (String testPackage : TEST_PACKAGES) {
				if (element.getClassName().startsWith(testPackage)) {
					return true;
				}
			}
		}
		return false;
	}

}
