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

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.Layout;
import org.springframework.boot.loader.tools.LoaderClassesWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DaemonLayoutFactory} and {@link DaemonJarLayout}.
 *
 * @author bootd authors
 */
class DaemonLayoutFactoryTests {

	private final Layout layout = new DaemonLayoutFactory().getLayout(new File("app.jar"));

	@Test
	void getLayoutShouldBeSpringBootsJarLayoutWithTheDaemonLauncher() {
		assertThat(this.layout.getLauncherClassName()).isEqualTo(DaemonJarLauncher.class.getName());
		assertThat(this.layout.isExecutable()).isTrue();
		assertThat(this.layout.getClassesLocation()).isEmpty();
		assertThat(((DaemonJarLayout) this.layout).getRepackagedClassesLocation()).isEqualTo("BOOT-INF/classes/");
	}

	@Test
	void getLayoutWhenSourceIsAWarShouldSaySo() {
		assertThatIllegalStateException().isThrownBy(() -> new DaemonLayoutFactory().getLayout(new File("app.war")))
			.withMessageContaining("app.war")
			.withMessageContaining("remove the layoutFactory");
	}

	@Test
	void writeLoadedClassesShouldWriteSpringBootsLoaderAndTheLauncher() throws IOException {
		RecordingWriter writer = new RecordingWriter();
		((CustomLoaderLayout) this.layout).writeLoadedClasses(writer);
		assertThat(writer.loaderClasses).isTrue();
		String entry = "io/github/bootd/loader/DaemonJarLauncher.class";
		assertThat(writer.entries).containsOnlyKeys(entry);
		try (InputStream launcher = getClass().getClassLoader().getResourceAsStream(entry)) {
			assertThat(writer.entries.get(entry)).isEqualTo(launcher.readAllBytes());
		}
	}

	@Test
	void launcherShouldCallAPublicStaticMethodOfTheStarter() throws Exception {
		// The launcher calls the starter by name, in another class loader: a rename in
		// the starter must fail here, not in a user's jar
		Method attempt = Class.forName(DaemonJarLauncher.EARLY_LAUNCH)
			.getMethod("attempt", String[].class, ClassLoader.class);
		assertThat(Modifier.isPublic(attempt.getDeclaringClass().getModifiers())).isTrue();
		assertThat(Modifier.isStatic(attempt.getModifiers())).isTrue();
		assertThat(attempt.getReturnType()).isEqualTo(void.class);
	}

	private static final class RecordingWriter implements LoaderClassesWriter {

		private boolean loaderClasses;

		private final Map<String, byte[]> entries = new LinkedHashMap<>();

		@Override
		public void writeLoaderClasses() {
			this.loaderClasses = true;
		}

		@Override
		public void writeLoaderClasses(String loaderJarResourceName) {
			throw new UnsupportedOperationException(loaderJarResourceName);
		}

		@Override
		public void writeEntry(String name, InputStream inputStream) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			inputStream.transferTo(bytes);
			this.entries.put(name, bytes.toByteArray());
		}

	}

}
