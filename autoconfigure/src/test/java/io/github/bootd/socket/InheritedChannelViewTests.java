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
package io.github.bootd.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InheritedChannelView}, on a real listening socket standing for the
 * inherited one.
 *
 * @author bootd authors
 */
class InheritedChannelViewTests {

	@Test
	void acceptWhenAConnectionWaitsShouldTakeIt() throws Exception {
		try (ServerSocketChannel inherited = listening(); Socket client = connect(inherited)) {
			InheritedChannelView view = InheritedChannelView.of(inherited);
			try (SocketChannel accepted = view.accept()) {
				assertThat(accepted).isNotNull();
				assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalSocketAddress());
			}
			view.close();
		}
	}

	@Test
	void closeWhenAThreadWaitsInAcceptShouldWakeItAndLeaveTheInheritedChannelAndItsQueue() throws Exception {
		try (ServerSocketChannel inherited = listening()) {
			InheritedChannelView view = InheritedChannelView.of(inherited);
			CompletableFuture<SocketChannel> accept = acceptInThread(view, new AtomicReference<>());
			awaitBlocked(accept);
			view.close();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> accept.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ClosedChannelException.class);
			assertThat(inherited.isOpen()).isTrue();
			// A connection made after the close waits for the next taker
			try (Socket client = connect(inherited)) {
				assertThatExceptionOfType(ClosedChannelException.class).isThrownBy(view::accept);
				inherited.configureBlocking(true);
				try (SocketChannel next = inherited.accept()) {
					assertThat(next.getRemoteAddress()).isEqualTo(client.getLocalSocketAddress());
				}
			}
		}
	}

	@Test
	void acceptWhenItsThreadIsInterruptedShouldCloseTheViewAndNotTheInheritedChannel() throws Exception {
		try (ServerSocketChannel inherited = listening()) {
			InheritedChannelView view = InheritedChannelView.of(inherited);
			AtomicReference<Thread> thread = new AtomicReference<>();
			CompletableFuture<SocketChannel> accept = acceptInThread(view, thread);
			awaitBlocked(accept);
			thread.get().interrupt();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> accept.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ClosedByInterruptException.class);
			assertThat(view.isOpen()).isFalse();
			assertThat(inherited.isOpen()).isTrue();
		}
	}

	private static CompletableFuture<SocketChannel> acceptInThread(InheritedChannelView view,
			AtomicReference<Thread> thread) {
		CompletableFuture<SocketChannel> accept = new CompletableFuture<>();
		Thread acceptor = new Thread(() -> {
			try {
				accept.complete(view.accept());
			}
			catch (Throwable ex) {
				accept.completeExceptionally(ex);
			}
		}, "acceptor");
		thread.set(acceptor);
		acceptor.start();
		return accept;
	}

	/** Until the thread waits in the selector (or has failed). */
	private static void awaitBlocked(CompletableFuture<SocketChannel> accept) throws InterruptedException {
		for (int i = 0; i < 500 && !accept.isDone(); i++) {
			Thread acceptor = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("acceptor"))
				.findFirst()
				.orElse(null);
			if (acceptor != null && acceptor.getState() == Thread.State.RUNNABLE
					&& isSelecting(acceptor.getStackTrace())) {
				return;
			}
			Thread.sleep(10);
		}
		assertThat(accept).as("the accept's thread waiting for a connection").isNotDone();
	}

	private static boolean isSelecting(StackTraceElement[] stack) {
		for (StackTraceElement element : stack) {
			if (element.getMethodName().startsWith("select") || element.getMethodName().equals("doSelect")) {
				return true;
			}
		}
		return false;
	}

	private static ServerSocketChannel listening() throws IOException {
		return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	private static Socket connect(ServerSocketChannel server) throws IOException {
		return new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
	}

}
