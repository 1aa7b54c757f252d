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

import java.util.List;

/**
 * The web servers this process runs on ports of their own, beside the listening socket an
 * upgrade hands over: Spring Boot's management server on {@code management.server.port}.
 * A successor inherits one socket, on its descriptor 0 ({@code ProcessBuilder} passes no
 * other descriptor, and Tomcat serves an inherited socket only through
 * {@code System.inheritedChannel()}, which is descriptor 0), so these ports are released
 * for the successor's start instead, and taken back if it fails.
 *
 * @author bootd authors
 */
public interface SeparatePorts {

	/**
	 * Stop the servers, which closes their ports for a successor to bind.
	 * @return the ports closed, empty when this process runs no such server
	 */
	List<Integer> release();

	/**
	 * Start again the servers {@link #release()} stopped, on their ports, once a
	 * successor that failed has exited.
	 * @throws RuntimeException if a server could not be started (its port taken
	 * meanwhile)
	 */
	void takeBack();

}
