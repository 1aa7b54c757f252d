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

import java.io.File;

import org.springframework.boot.loader.tools.Layout;
import org.springframework.boot.loader.tools.LayoutFactory;

/**
 * A {@link LayoutFactory} for {@code spring-boot-maven-plugin}: the executable jar it
 * builds starts bootd's daemon from {@link DaemonJarLauncher}, before Spring Boot runs.
 * <pre class="code">
 * &lt;configuration&gt;
 *     &lt;layoutFactory implementation="io.github.bootd.loader.DaemonLayoutFactory"/&gt;
 * &lt;/configuration&gt;
 * </pre>
 *
 * @author bootd authors
 */
public final class DaemonLayoutFactory implements LayoutFactory {

	@Override
	public Layout getLayout(File source) {
		if (!source.getName().endsWith(".jar")) {
			// Spring Boot's war layout keeps classes in WEB-INF/: a jar layout would
			// break it
			throw new IllegalStateException("bootd's layout builds executable jars, not " + source.getName()
					+ ": remove the layoutFactory from this project's spring-boot-maven-plugin");
		}
		return new DaemonJarLayout();
	}

}
