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

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.github.bootd.launch.DaemonHandshake.Kind;

/**
 * The launcher's end of the readiness handshake: a Unix domain socket in a private
 * (0700) temporary directory that the daemon child reports to.
 * <p>
 * A separate channel, not the child's stdout, so the daemon's output goes to its file
 * from the first byte and never into a pipe whose reader (the launcher) may be gone.
 *
 * @author bootd authors
 */
final class LauncherHandshake implements Closeable {

	private final Path directory;

	private final Path socket;

	private final ServerSocketChannel server;

	private final CompletableFuture<Report> report = new CompletableFuture<>();

	private final CompletableFuture<Void> failureSeen = new CompletableFuture<>();

	private volatile @Nullable String failure;

	private volatile @Nullable String analysis;

	private LauncherHandshake(Path directory) throws IOException {
		this.directory = directory;
		this.socket = directory.resolve("handshake");
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.server.bind(UnixDomainSocketAddress.of(this.socket));
	}

	static LauncherHandshake open() throws IOException {
		LauncherHandshake handshake = new LauncherHandshake(Files.createTempDirectory("bootd-"));
		Thread reader = new Thread(handshake::read, "bootd-handshake");
		reader.setDaemon(true);
		reader.start();
		return handshake;
	}

	Path socket() {
		return this.socket;
	}

	/**
	 * The child's report: complete on READY or RUNNING, or when the child closes the
	 * connection (it exits) after reporting a failure or without reporting anything.
	 * @return the report
	 */
	CompletableFuture<Report> report() {
		return this.report;
	}

	/**
	 * Completes when the child reports a failure; the analysis and the end of the
	 * connection follow shortly.
	 * @return a future for the first failure report
	 */
	CompletableFuture<Void> failureSeen() {
		return this.failureSeen;
	}

	/**
	 * Wait a little for the full report, then return what has arrived.
	 * @param grace how long to wait
	 * @return the report
	 */
	Report awaitReport(Duration grace) {
		try {
			return this.report.get(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// report what has arrived
		}
		return partialReport();
	}

	private Report partialReport() {
		return (this.failure != null || this.analysis != null) ? new Report(Kind.FAILED, this.failure, this.analysis)
				: new Report(null, null, null);
	}

	private void read() {
		try (SocketChannel channel = this.server.accept();
				DataInputStream input = new DataInputStream(Channels.newInputStream(channel))) {
			while (true) {
				Kind kind = Kind.valueOf(input.readUTF());
				String text = input.readUTF();
				switch (kind) {
					case READY, RUNNING -> {
						this.report.complete(new Report(kind, text, null));
						return;
					}
					case FAILED -> {
						this.failure = text;
						this.failureSeen.complete(null);
					}
					case ANALYSIS -> this.analysis = text;
				}
			}
		}
		catch (EOFException ex) {
			// The child exited after what it had to say
		}
		catch (IOException | IllegalArgumentException ex) {
			// Closed by the launcher, or a garbled message: report what we have
		}
		this.report.complete(partialReport());
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		Files.deleteIfExists(this.socket);
		Files.deleteIfExists(this.directory);
	}

	/**
	 * What the daemon child reported.
	 *
	 * @param kind the kind of report, {@code null} when the child said nothing
	 * @param text the readiness detail, the pid holding the lock, or the exception
	 * @param analysis Spring Boot's failure analysis, if there was one
	 */
	record Report(@Nullable Kind kind, @Nullable String text, @Nullable String analysis) {

	}

}
