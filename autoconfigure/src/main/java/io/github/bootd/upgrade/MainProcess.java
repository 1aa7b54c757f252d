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

package io.github.bootd.upgrade;

/**
 * The supervisor that follows this process as a service's main process: an upgrade in the
 * foreground tells it that a successor serves, and from then on tells it nothing that
 * would read as the service's (a stop). systemd learns the new main process from the
 * unit's {@code PIDFile=}, which it reads again when this one exits.
 *
 * @author bootd authors
 */
@FunctionalInterface
public interface MainProcess {

	/**
	 * Say that another process serves now; this process tells the supervisor nothing more
	 * afterwards but that it is alive (its stop would read as the service's).
	 * @param status a line the supervisor shows, naming the process that serves now
	 * @return whether the supervisor was told
	 */
	boolean handOver(String status);

}
