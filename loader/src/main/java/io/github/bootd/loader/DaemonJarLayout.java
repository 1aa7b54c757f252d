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

import java.io.IOException;
import java.io.InputStream;

import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.LoaderClassesWriter;
import org.springframework.boot.loader.tools.Layouts;

/**
 * Spring Boot's executable jar layout with {@link DaemonJarLauncher} beside Spring Boot's
 * loader classes, as the jar's {@code Main-Class}.
 *
 * @author bootd authors
 */
final class DaemonJarLayout extends Layouts.Jar implements CustomLoaderLayout {

	/**
	 * The launcher's name, not its class: it extends Spring Boot's {@code JarLauncher},
	 * which is not on the build plugin's class path.
	 */
	static final String LAUNCHER = "io.github.bootd.loader.DaemonJarLauncher";

	@Override
	public String getLauncherClassName() {
		return LAUNCHER;
	}

	@Override
	public void writeLoadedClasses(LoaderClassesWriter writer) throws IOException {
		writer.writeLoaderClasses();
		String entry = LAUNCHER.replace('.', '/') + ".class";
		try (InputStream launcher = DaemonJarLayout.class.getClassLoader().getResourceAsStream(entry)) {
			if (launcher == null) {
				throw new IOException("Resource " + entry + " is missing from the bootd loader jar");
			}
			writer.writeEntry(entry, launcher);
		}
	}

}
