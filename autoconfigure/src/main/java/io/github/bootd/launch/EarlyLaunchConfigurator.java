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

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.jspecify.annotations.Nullable;

import io.github.bootd.launcher.JvmCommandLine;

/**
 * Starts the daemon child while logback initializes, a quarter of a second before Spring
 * Boot's first run listener could: {@code SpringApplication}'s static logger initializes
 * logback, which calls the {@link Configurator}s registered as services before its own.
 * <p>
 * It only acts in a launcher, inside {@code SpringApplication}'s class initialization (so
 * a Spring Boot application is about to run in this thread), and never configures
 * logging: logback and then Spring Boot configure it as if this class were not there.
 * Anywhere else (the daemon child, a test, logback initialized earlier by the
 * application) it does nothing and {@link EarlyLaunchRunListener} starts the child as
 * before. The command-line arguments are read from {@code /proc/self/cmdline}, as
 * {@code main} has not passed them on yet.
 *
 * @author bootd authors
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class EarlyLaunchConfigurator extends ContextAwareBase implements Configurator {

	private static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";

	@Override
	public ExecutionStatus configure(LoggerContext context) {
		String[] args = launcherArguments();
		if (args != null) {
			EarlyLaunch.attempt(args, Thread.currentThread().getContextClassLoader());
		}
		return ExecutionStatus.INVOKE_NEXT_IF_ANY;
	}

	/**
	 * Return this JVM's arguments when it is a launcher initializing
	 * {@code SpringApplication}, {@code null} otherwise. Every argument is returned, JVM
	 * options too: the hint only looks for {@code --daemon.*} ones, which no JVM option
	 * looks like, so it can never miss a control action.
	 */
	private static String @Nullable [] launcherArguments() {
		if (!EarlyLaunch.possible() || !initializingSpringApplication()) {
			return null;
		}
		try {
			List<String> arguments = JvmCommandLine.current().arguments();
			return arguments.subList(1, arguments.size()).toArray(String[]::new);
		}
		catch (Exception ex) {
			// No /proc (macOS): the run listener starts the child a little later
			return null;
		}
	}

	private static boolean initializingSpringApplication() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.anyMatch((frame) -> "<clinit>".equals(frame.getMethodName())
					&& SPRING_APPLICATION.equals(frame.getClassName())));
	}

}
