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

import java.io.IOException;
import java.time.Duration;

/**
 * Stops the web server's accepting of new connections on the socket an upgrade shares
 * with the successor, without pausing the server: connections already accepted are still
 * served (a paused Tomcat answers their next request with 503), and told to close after
 * their next response so that their clients reconnect (to the successor) the way HTTP
 * allows.
 *
 * @author bootd authors
 */
public interface Acceptors {

	/**
	 * Stop accepting on a port, for good, and return once this process accepts no more
	 * connections there; it may point standard input, output and error at /dev/null (the
	 * JDK does so when an inherited channel closes), which the caller restores.
	 * @param port the port
	 * @return how many connections are still open on the port
	 * @throws IOException if accepting could not be stopped
	 */
	long stopAccepting(int port) throws IOException;

	/**
	 * Return how many connections are open on a port.
	 * @param port the port
	 * @return the count
	 */
	long openConnections(int port);

	/**
	 * Stop accepting on a port, then give the connections this process accepted a moment
	 * to finish (each is told to close after its next response). Spring Boot's graceful
	 * shutdown, which comes next, pauses the server, and a paused Tomcat answers a
	 * request that arrives on an open connection with 503; it only waits for requests
	 * already running.
	 * @param port the port
	 * @param timeout how long open connections may take
	 * @return how many connections were still open at the end
	 * @throws IOException if accepting could not be stopped
	 */
	default long stopAndDrain(int port, Duration timeout) throws IOException {
		long open = stopAccepting(port);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (open > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			open = openConnections(port);
		}
		return open;
	}

}
