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

package io.github.bootd.settings;

/**
 * Whether a daemon started as {@code daemon.user} keeps {@code CAP_NET_BIND_SERVICE}, the
 * one capability that lets it bind a port below 1024.
 *
 * @author bootd authors
 */
public enum PrivilegedPorts {

	/**
	 * Keep it when {@code server.port} or {@code management.server.port} is below 1024.
	 */
	AUTO,

	/**
	 * Always keep it, for ports that only the application's code sets.
	 */
	ALWAYS,

	/**
	 * Never keep it.
	 */
	NEVER

}
