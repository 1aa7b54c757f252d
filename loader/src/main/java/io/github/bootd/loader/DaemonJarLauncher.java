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
package io.github.bootd.loader;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.springframework.boot.loader.launch.JarLauncher;

/**
 * Spring Boot's {@link JarLauncher} that lets bootd start the daemon as soon as the
 * application's class loader exists, before the application's main class, Spring Boot and
 * logging are loaded. Without it the earliest bootd can start the daemon child is while
 * logback initializes, which on a small machine is a quarter of a second later: the time
 * it takes to load {@code SpringApplication} and the logging frameworks that the daemon
 * child then loads again.
 * <p>
 * It calls bootd's launch code in the application's class loader (from
 * {@code BOOT-INF/lib}, not this class's), so that the jar holds one copy of it. Without
 * the bootd starter on the class path, with {@code -Djarmode} (the jar's tools, not the
 * application), and in the daemon child itself, it is Spring Boot's {@code JarLauncher}.
 * {@link DaemonLayoutFactory} makes it the jar's {@code Main-Class}.
 *
 * @author bootd authors
 */
public final class DaemonJarLauncher extends JarLauncher {

	static final String EARLY_LAUNCH = "io.github.bootd.launch.EarlyLaunch";

	/** What Spring Boot runs instead of the application for {@code -Djarmode}. */
	private static final String JAR_MODE_RUNNER = "org.springframework.boot.loader.launch.JarModeRunner";

	public DaemonJarLauncher() throws Exception {
	}

	@Override
	protected void launch(ClassLoader classLoader, String mainClassName, String[] args) throws Exception {
		if (!JAR_MODE_RUNNER.equals(mainClassName)) {
			startDaemon(classLoader, args);
		}
		super.launch(classLoader, mainClassName, args);
	}

	/**
	 * Start the daemon and exit with the launch's outcome when the configuration enables
	 * it; return otherwise, so that the application runs in this JVM.
	 */
	private static void startDaemon(ClassLoader classLoader, String[] args) throws Exception {
		Method attempt;
		try {
			attempt = Class.forName(EARLY_LAUNCH, true, classLoader)
				.getMethod("attempt", String[].class, ClassLoader.class);
		}
		catch (ClassNotFoundException ex) {
			// The jar was built with this launcher but without the bootd starter
			return;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("The bootd starter in this jar does not match bootd-spring-boot-loader, "
					+ "which built it: use the same version of both", ex);
		}
		Thread.currentThread().setContextClassLoader(classLoader);
		try {
			attempt.invoke(null, args, classLoader);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	public static void main(String[] args) throws Exception {
		new DaemonJarLauncher().launch(args);
	}

}
