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
package io.github.bootd.benchmarks.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * The outcome of one request, as a short label: {@code ok} (a 2xx response read to its
 * end), {@code refused}, {@code reset}, {@code timeout}, {@code closed} (the server
 * closed the connection before the response was complete), {@code status-NNN} (a complete
 * response that is not 2xx) or {@code other:<exception class>}.
 *
 * @author bootd authors
 */
final class Outcome {

	static final String OK = "ok";

	static final String REFUSED = "refused";

	static final String RESET = "reset";

	static final String TIMEOUT = "timeout";

	static final String CLOSED = "closed";

	static final String OTHER_PREFIX = "other:";

	private Outcome() {
	}

	static String ofStatus(int status) {
		return (status >= 200 && status < 300) ? OK : "status-" + status;
	}

	/**
	 * The label of a failed exchange. The JDK reports these conditions with generic
	 * exception types and the kernel's error text ({@code ECONNREFUSED} is a
	 * {@link ConnectException} "Connection refused", {@code ECONNRESET} a
	 * {@link SocketException} "Connection reset", {@code EPIPE} "Broken pipe"), so the
	 * text decides; anything not recognised keeps its class name rather than being
	 * guessed into a kind.
	 * @param ex the failure
	 * @return its label
	 */
	static String of(IOException ex) {
		if (ex instanceof PrematureCloseException) {
			return CLOSED;
		}
		if (ex instanceof SocketTimeoutException) {
			return TIMEOUT;
		}
		String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(Locale.ROOT) : "";
		if (ex instanceof ConnectException) {
			if (message.contains("refused")) {
				return REFUSED;
			}
			if (message.contains("timed out")) {
				return TIMEOUT;
			}
		}
		else if (ex instanceof SocketException) {
			// EPIPE: the request was written into a connection the peer had already reset
			if (message.contains("connection reset") || message.contains("broken pipe")) {
				return RESET;
			}
		}
		return OTHER_PREFIX + ex.getClass().getName();
	}

	/**
	 * The server closed the connection before a complete response arrived.
	 */
	static final class PrematureCloseException extends IOException {

		private static final long serialVersionUID = 1L;

		PrematureCloseException(String message) {
			super(message);
		}

	}

}
