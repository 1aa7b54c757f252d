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
package io.github.bootd.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bootd.socket.SocketActivation;

/**
 * The launcher's JMX agent, which holds the port the daemon is to bind.
 *
 * @author bootd authors
 */
final class JmxAgent {

	/** How long {@code jcmd} may take to stop the launcher's JMX agent. */
	private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(15);

	private JmxAgent() {
	}

	/**
	 * The JVM started the JMX agent of {@code com.sun.management.jmxremote.port} before
	 * bootd ran. Stop it, so that the daemon, the process the operator wants to observe,
	 * can bind the same port. JDK 17 offers {@code ManagementAgent.stop} only through the
	 * attach API, so ask {@code jcmd}, which only a JDK has.
	 * @return whether the daemon can keep the JMX port options
	 */
	static boolean releasePort() {
		if (System.getProperty("com.sun.management.jmxremote.port") == null) {
			return true;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		if (!Files.isExecutable(jcmd)) {
			return false;
		}
		try {
			ProcessBuilder builder = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
					"ManagementAgent.stop")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			// sd_listen_fds' variables name this process, never a child
			builder.environment().keySet().removeAll(SocketActivation.VARIABLES);
			Process process = builder.start();
			if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
