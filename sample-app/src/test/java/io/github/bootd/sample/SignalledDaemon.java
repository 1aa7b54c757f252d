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
package io.github.bootd.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A view of the packaged sample running as a detached daemon that
 * {@link SampleDaemonExtension#startSignalled} started: signalled with the real
 * {@code kill}, its files read in its launch directory. The extension stops it by its pid
 * after the test.
 *
 * @author bootd authors
 */
final class SignalledDaemon {

	static final Duration START_TIMEOUT = SampleDaemonExtension.START_TIMEOUT;

	static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Path directory;

	private final long pid;

	SignalledDaemon(Path directory, long pid) {
		this.directory = directory;
		this.pid = pid;
	}

	static Path sampleJar() {
		return SampleDaemon.jar();
	}

	static int freePort() {
		return SampleDaemon.freePort();
	}

	long pid() {
		return this.pid;
	}

	boolean isAlive() {
		return ProcFacts.isAlive(this.pid);
	}

	/**
	 * Send a signal with the real {@code kill} command.
	 */
	void kill(String signal) {
		SampleDaemon.kill(signal, this.pid);
	}

	String get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return response.body();
	}

	Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Wait until a file of the test directory contains some text.
	 * @return the file's content at that moment
	 */
	String awaitLog(String name, String text) throws InterruptedException {
		return await(() -> read(file(name)), (content) -> content.contains(text), "'" + text + "' in " + name);
	}

	static <T> T await(Supplier<T> value, Predicate<T> condition, String description) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
		T last = value.get();
		while (!condition.test(last)) {
			if (System.nanoTime() > deadline) {
				fail("Waited " + AWAIT_TIMEOUT + " for " + description + "; last seen: " + last);
			}
			Thread.sleep(50);
			last = value.get();
		}
		return last;
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
