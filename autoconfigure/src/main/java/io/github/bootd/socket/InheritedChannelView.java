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
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A server socket channel that accepts from the {@link InheritedSocket inherited
 * listening socket} and that a web server may close: closing it stops its accepting and
 * wakes the threads waiting in {@link #accept()}, and leaves the inherited channel, and
 * so the socket, open.
 * <p>
 * The JDK's channel for an inherited socket
 * ({@code sun.nio.ch.InheritedChannel.InheritedServerSocketChannelImpl}) points
 * descriptors 0, 1 <em>and 2</em> at /dev/null when it is closed
 * ({@code implCloseSelectableChannel} calls {@code detachIOStreams}): standard output and
 * error, the journal under systemd or the daemon's output file, would silently swallow
 * every line logged after. Jetty closes its server channel when its connector shuts down
 * or stops ({@code ServerConnector.close}), and the JDK closes a channel whose thread is
 * interrupted while it blocks in {@code accept} ({@code AbstractInterruptibleChannel}),
 * which is how Jetty wakes its acceptors ({@code AbstractConnector.interruptAcceptors}).
 * So Jetty gets this channel instead: it waits for a connection with a {@link Selector}
 * and takes it with a non-blocking {@code accept}, neither of which closes the inherited
 * channel on an interrupt, and its own close touches only the selector. Putting the
 * descriptors back after the close instead would lose what other threads log meanwhile.
 * Nothing is taken from the socket's queue once it is closed: those connections are the
 * next JVM's (systemd holds the socket).
 * <p>
 * It cannot be registered with a selector of its own (Jetty's {@code acceptors=0} mode):
 * {@link InheritedSocketJettyCustomizer} refuses that configuration.
 *
 * @author bootd authors
 */
final class InheritedChannelView extends ServerSocketChannel {

	private final ServerSocketChannel inherited;

	private final Selector selector;

	private volatile boolean blocking = true;

	private InheritedChannelView(ServerSocketChannel inherited, Selector selector) {
		super(inherited.provider());
		this.inherited = inherited;
		this.selector = selector;
	}

	/**
	 * A view of an inherited channel, which is made non-blocking for good.
	 * @param inherited the inherited channel, never closed through the view
	 * @return the view
	 * @throws IOException if the channel cannot be watched for connections
	 */
	static InheritedChannelView of(ServerSocketChannel inherited) throws IOException {
		Selector selector = Selector.open();
		try {
			synchronized (inherited.blockingLock()) {
				inherited.configureBlocking(false);
			}
			inherited.register(selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException | RuntimeException ex) {
			selector.close();
			throw ex;
		}
		return new InheritedChannelView(inherited, selector);
	}

	/**
	 * Wait for a connection and take it, as a blocking {@code accept} does; in
	 * non-blocking mode, take one if one waits.
	 * @return the connection, {@code null} in non-blocking mode when none waits
	 * @throws AsynchronousCloseException if the view is closed meanwhile
	 * @throws ClosedByInterruptException if the thread is interrupted meanwhile, which
	 * closes the view (and not the inherited channel) as the JDK closes a channel
	 */
	@Override
	public @Nullable SocketChannel accept() throws IOException {
		while (true) {
			if (!isOpen()) {
				throw new ClosedChannelException();
			}
			SocketChannel accepted = this.inherited.accept();
			if (accepted != null || !this.blocking) {
				return accepted;
			}
			try {
				this.selector.select();
				this.selector.selectedKeys().clear();
			}
			catch (ClosedSelectorException ex) {
				throw new AsynchronousCloseException();
			}
			if (Thread.currentThread().isInterrupted()) {
				// The interrupt stays set, as the JDK leaves it
				close();
				throw new ClosedByInterruptException();
			}
			if (!isOpen()) {
				throw new AsynchronousCloseException();
			}
		}
	}

	@Override
	protected void implCloseSelectableChannel() throws IOException {
		// Wakes every thread in select(), and fails the next ones; the inherited channel
		// leaves the closed selector's key set with it
		this.selector.close();
	}

	@Override
	protected void implConfigureBlocking(boolean block) {
		// Only the view's: the inherited channel stays non-blocking
		this.blocking = block;
	}

	@Override
	public ServerSocketChannel bind(@Nullable SocketAddress local, int backlog) throws IOException {
		// The socket came bound and listening
		throw new AlreadyBoundException();
	}

	@Override
	public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
		this.inherited.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.inherited.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.inherited.supportedOptions();
	}

	/**
	 * The inherited channel's socket, for its address and port: closing it would close
	 * the inherited channel.
	 */
	@Override
	public ServerSocket socket() {
		return this.inherited.socket();
	}

	@Override
	public @Nullable SocketAddress getLocalAddress() throws IOException {
		return this.inherited.getLocalAddress();
	}

	@Override
	public String toString() {
		return "InheritedChannelView[" + this.inherited + (isOpen() ? "" : ", closed") + "]";
	}

}
