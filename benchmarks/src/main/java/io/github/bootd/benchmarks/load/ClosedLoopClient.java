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
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bootd.benchmarks.load.HttpConnection.Response;

/**
 * One closed-loop client: sends a request, waits for its outcome, records it, sends the
 * next. In {@code new-connection} mode every request opens its own TCP connection (and
 * asks for {@code Connection: close}); in {@code keep-alive} mode the client keeps one
 * persistent connection and opens a new one only when the server closed the last one.
 *
 * @author bootd authors
 */
final class ClosedLoopClient implements Runnable {

	/** How far behind its schedule a paced client may fall before it drops slots. */
	private static final long MAX_LAG_NANOS = 1_000_000_000L;

	private final InetSocketAddress address;

	private final boolean keepAlive;

	private final byte[] request;

	private final int timeoutMillis;

	private final long failurePauseMillis;

	private final Phases phases;

	private final long origin;

	private final AtomicBoolean stop;

	private final AtomicLong budget;

	private final long intervalNanos;

	private final RequestLog log = new RequestLog();

	private HttpConnection connection;

	private boolean retried;

	ClosedLoopClient(InetSocketAddress address, String path, boolean keepAlive, int timeoutMillis,
			long failurePauseMillis, Phases phases, long origin, AtomicBoolean stop, AtomicLong budget,
			long intervalNanos) {
		this.address = address;
		this.keepAlive = keepAlive;
		this.request = HttpConnection.request(address, path, keepAlive);
		this.timeoutMillis = timeoutMillis;
		this.failurePauseMillis = failurePauseMillis;
		this.phases = phases;
		this.origin = origin;
		this.stop = stop;
		this.budget = budget;
		this.intervalNanos = intervalNanos;
	}

	RequestLog log() {
		return this.log;
	}

	@Override
	public void run() {
		try {
			long next = System.nanoTime();
			while (!this.stop.get() && this.budget.getAndDecrement() > 0) {
				long start = System.nanoTime();
				if (this.intervalNanos > 0) {
					// Paced: each request has its slot, and its latency counts from the
					// slot, not from when a late client got round to it (otherwise a
					// stall hides the requests it delayed: coordinated omission). A
					// client
					// more than MAX_LAG behind (an outage, a restart) drops the slots it
					// missed instead of catching up in a burst that would carry the
					// backlog into the next phase
					if (start - next > MAX_LAG_NANOS) {
						next = start;
					}
					long wait = next - start;
					if (wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
					start = next;
					next += this.intervalNanos;
				}
				int phase = this.phases.current();
				String outcome = send();
				this.log.add(phase, start - this.origin, System.nanoTime() - start, outcome, this.retried);
				if (!Outcome.OK.equals(outcome) && this.failurePauseMillis > 0) {
					Thread.sleep(this.failurePauseMillis);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeConnection();
		}
	}

	/**
	 * Sends one request and returns its outcome.
	 * @return the outcome's label
	 */
	String send() {
		this.retried = false;
		try {
			if (this.keepAlive) {
				return sendOnPersistentConnection();
			}
			try (HttpConnection fresh = HttpConnection.open(this.address, this.timeoutMillis)) {
				return Outcome.ofStatus(fresh.exchange(this.request).status());
			}
		}
		catch (IOException ex) {
			closeConnection();
			return Outcome.of(ex);
		}
	}

	/**
	 * Whether the last {@link #send()} was retried on a new connection.
	 * @return whether it was
	 */
	boolean retried() {
		return this.retried;
	}

	private String sendOnPersistentConnection() throws IOException {
		if (this.connection == null) {
			this.connection = HttpConnection.open(this.address, this.timeoutMillis);
		}
		HttpConnection used = this.connection;
		boolean reused = used.exchanges() > 0;
		long receivedBefore = used.received();
		try {
			return complete(used.exchange(this.request));
		}
		catch (IOException ex) {
			closeConnection();
			// A server may close a persistent connection it sees as idle at any moment,
			// also while our request is on its way. HTTP lets a client retry then, on a
			// new connection, only if no byte of the response arrived and the request is
			// idempotent (RFC 9112 9.3.1, RFC 9110 9.2.2): a GET qualifies. A fresh
			// connection that fails, a timeout, or a partial response is a failure.
			if (!reused || used.received() != receivedBefore || ex instanceof SocketTimeoutException) {
				throw ex;
			}
		}
		this.retried = true;
		this.connection = HttpConnection.open(this.address, this.timeoutMillis);
		return complete(this.connection.exchange(this.request));
	}

	private String complete(Response response) {
		if (response.close()) {
			// "Connection: close" on a response (Tomcat's maxKeepAliveRequests, a server
			// shutting down gracefully): the next request opens a new connection, no
			// retry
			closeConnection();
		}
		return Outcome.ofStatus(response.status());
	}

	private void closeConnection() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

}
