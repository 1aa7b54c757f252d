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

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.github.bootd.DaemonRuntime;
import io.github.bootd.Supervisor;
import io.github.bootd.launch.handshake.DaemonHandshake;
import io.github.bootd.launcher.DaemonLauncher;
import io.github.bootd.privilege.ProcessCredentials;
import io.github.bootd.process.ProcessExit;
import io.github.bootd.settings.DaemonKey;
import io.github.bootd.settings.EarlyConfiguration;
import io.github.bootd.socket.SocketActivation;
import io.github.bootd.signal.HandleableSignals;
import io.github.bootd.settings.EarlyLaunchHint;

/**
 * Starts the daemon child from a launcher once per JVM, at the earliest hook that gets
 * there first: bootd's {@code DaemonJarLauncher} when the jar was built with bootd's
 * layout (module {@code bootd-spring-boot-loader}, which calls this class by name),
 * logback's initialization ({@link EarlyLaunchConfigurator}) or Spring Boot's first run
 * listener ({@link EarlyLaunchRunListener}). Every millisecond the launcher spends before
 * it starts the child is added to the time the user waits, because the child then repeats
 * the whole start-up.
 *
 * @author bootd authors
 */
public final class EarlyLaunch {

	/**
	 * Whether a hook has taken this JVM's one look: the run listener does not read the
	 * configuration files again after logback's initialization found nothing to start.
	 */
	private static final AtomicBoolean attempted = new AtomicBoolean();

	private EarlyLaunch() {
	}

	/**
	 * Return whether this JVM may still start a daemon child: not when it is the child
	 * (it runs the launcher's command line, hooks included), a daemon already, or when a
	 * hook has looked.
	 * @return whether an attempt can launch
	 */
	static boolean possible() {
		return DaemonHandshake.current() == null && DaemonRuntime.current() == null && !attempted.get();
	}

	/**
	 * Start the daemon child and exit with the launch's outcome if the configuration
	 * {@link EarlyLaunchHint probably} enables the daemon; return when it does not, or
	 * when the child finds that it does not, so that the application runs here. A status
	 * action, and a start whose daemon runs already, are {@link EarlyAnswer answered}
	 * here when the configuration is certain enough, without starting the application.
	 * @param args the arguments to look for {@code --daemon.*} options in
	 * @param classLoader the application's class loader
	 */
	public static void attempt(String[] args, @Nullable ClassLoader classLoader) {
		// Before anything can ask the JDK for its inherited channel, which it caches, and
		// before a launcher spawns the child that is to serve on the socket
		SocketActivation.adopt();
		if (!possible() || !attempted.compareAndSet(false, true)) {
			return;
		}
		Map<String, String> environment = System.getenv();
		Path launchDirectory = Path.of("").toAbsolutePath();
		if (UnderTest.detect()) {
			return;
		}
		EarlyAnswer answer = new EarlyAnswer(args, environment, launchDirectory, classLoader, System.out, System.err);
		LaunchRole guess = RoleDecision
			.guess(new RoleDecision.EarlyFacts(EarlyLaunchHint.requestedAction(args, environment),
					EarlyLaunchHint.controlActionRequested(args, environment),
					Supervisor.detect(environment, ProcessHandle.current().pid()),
					() -> EarlyLaunchHint.likely(args, environment, launchDirectory, classLoader),
					() -> !HandleableSignals.refusedToDetach().isEmpty(),
					() -> userUncertain(args, environment, launchDirectory, classLoader)));
		if (guess == LaunchRole.CONTROL_CLIENT) {
			exitIfPresent(answer.status());
			return;
		}
		if (guess != LaunchRole.LAUNCHER) {
			return;
		}
		exitIfPresent(answer.alreadyRunning());
		exitIfPresent(new DaemonLauncher(launchDirectory, System.out, System.err)
			.errorFileDirectory(EarlyLaunchHint.pidFileDirectory(args, environment, launchDirectory, classLoader))
			.launch(null));
		// The child found that the configuration asks for no detached daemon: run here
	}

	/**
	 * Whether this JVM is root and its configuration, read before Spring Boot loads it,
	 * is not certain to name no {@code daemon.user} or {@code daemon.group}: libraries
	 * included, because a child started on a miss would load the configuration as root.
	 */
	private static boolean userUncertain(String[] args, Map<String, String> environment, Path launchDirectory,
			@Nullable ClassLoader classLoader) {
		ProcessCredentials credentials = ProcessCredentials.current();
		if (credentials == null || !credentials.root()) {
			return false;
		}
		EarlyConfiguration configuration = EarlyConfiguration.read(args, environment, launchDirectory, classLoader,
				true);
		return configuration == null || configuration.get(DaemonKey.USER) != null
				|| configuration.get(DaemonKey.GROUP) != null;
	}

	private static void exitIfPresent(OptionalInt exit) {
		if (exit.isPresent()) {
			ProcessExit.exit(exit.getAsInt());
		}
	}

}
