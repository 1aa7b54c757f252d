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

import org.jspecify.annotations.Nullable;

import io.github.bootd.settings.DaemonSettings;
import io.github.bootd.Supervisor;
import io.github.bootd.pidfile.PidFile;
import io.github.bootd.process.NativePosix;
import io.github.bootd.settings.InvalidDaemonPropertyException;

/**
 * What the environment post-processor decided, handed to the run listener through the
 * bootstrap context.
 *
 * @param settings the settings, {@code null} when they are invalid
 * @param problem the invalid values, reported once logging works
 * @param supervisor the detected supervisor
 * @param detached whether this JVM is the detached daemon child
 * @param posix the native calls, when loaded
 * @param pidFile the pid file, when the child locked it already
 * @author bootd authors
 */
record DaemonLaunch(@Nullable DaemonSettings settings, @Nullable InvalidDaemonPropertyException problem,
		Supervisor supervisor, boolean detached, @Nullable NativePosix posix, @Nullable PidFile pidFile) {

}
