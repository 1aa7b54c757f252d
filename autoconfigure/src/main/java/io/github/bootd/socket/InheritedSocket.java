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
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;

/**
 * The listening TCP socket on this process' standard input (file descriptor 0), as inetd,
 * systemd's {@code StandardInput=socket}, bootd's socket activation (which moves
 * sd_listen_fds' descriptor 3 there) or an upgrading daemon hand it over.
 * <p>
 * Read through {@link System#inheritedChannel()}, which is what Tomcat's
 * {@code useInheritedChannel} and Jetty's {@code inheritChannel} serve on: the JDK looks
 * at descriptor 0 once, on the first call, and caches the answer for the life of the JVM,
 * so anything that moves a socket onto descriptor 0 must do it before the first call. The
 * JDK serves on a duplicate of descriptor 0 ({@code dup(0)}): descriptor 0 itself stays
 * the socket, and a child started with standard input inherited shares it. Closing the
 * channel points descriptors 0, 1 <em>and 2</em> at /dev/null (the JDK's
 * {@code InheritedChannel.detachIOStreams}), so the channel is never closed here: the
 * socket lives as long as the process.
 *
 * @author bootd authors
 */
public final class InheritedSocket {

	private final ServerSocketChannel channel;

	private final InetSocketAddress localAddress;

	private InheritedSocket(ServerSocketChannel channel, InetSocketAddress localAddress) {
		this.channel = channel;
		this.localAddress = localAddress;
	}

	/**
	 * The listening TCP socket on standard input, if descriptor 0 is one: a bound stream
	 * socket with no peer (the JDK's own test), of an IP family. A pipe, a file, a
	 * terminal, /dev/null, a connected socket (inetd's {@code wait} off, systemd's
	 * {@code Accept=yes}) or a Unix socket are not. Cheap after the first call: the JDK
	 * caches the channel.
	 * @return the socket, or empty if standard input is not a listening TCP socket
	 */
	public static Optional<InheritedSocket> onStandardInput() {
		Channel channel;
		try {
			channel = System.inheritedChannel();
		}
		catch (IOException ex) {
			// Descriptor 0 closed or unreadable: nothing inherited
			return Optional.empty();
		}
		if (!(channel instanceof ServerSocketChannel server) || !server.isOpen()) {
			return Optional.empty();
		}
		SocketAddress address;
		try {
			address = server.getLocalAddress();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (!(address instanceof InetSocketAddress inet) || inet.getPort() == 0) {
			return Optional.empty();
		}
		return Optional.of(new InheritedSocket(server, inet));
	}

	/**
	 * A socket as if it had been inherited, for tests.
	 * @param channel a bound channel
	 * @param localAddress its address
	 * @return the socket
	 */
	static InheritedSocket of(ServerSocketChannel channel, InetSocketAddress localAddress) {
		return new InheritedSocket(channel, localAddress);
	}

	/**
	 * The channel the JDK made of descriptor 0; never close it (see the class
	 * description).
	 * @return the channel
	 */
	public ServerSocketChannel channel() {
		return this.channel;
	}

	/**
	 * The address the socket is bound to, such as {@code 127.0.0.1:8080}.
	 * @return the address
	 */
	public InetSocketAddress localAddress() {
		return this.localAddress;
	}

	/**
	 * The port the socket is bound to.
	 * @return the port
	 */
	public int port() {
		return this.localAddress.getPort();
	}

	/**
	 * The address as a user writes it: {@code 127.0.0.1:8080}, {@code [::1]:8080}.
	 * @return the address
	 */
	@Override
	public String toString() {
		String host = this.localAddress.getAddress().getHostAddress();
		return ((this.localAddress.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":"
				+ this.localAddress.getPort();
	}

}
