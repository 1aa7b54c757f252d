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
package io.github.bootd.pidfile;

import java.io.Closeable;
import java.io.IOException;

import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * The one place that binds a socket in the abstract namespace, kept apart so that
 * {@link LockSocket} loads without jnr-unixsocket (an optional dependency) and the
 * control actions, which only look, never touch native code.
 *
 * @author bootd authors
 */
final class AbstractSocket {

	private AbstractSocket() {
	}

	/**
	 * Bind and listen on an abstract name. jnr-unixsocket passes a path that starts with
	 * a NUL byte to the kernel as it is, with its exact length (no trailing NULs), which
	 * is how unix(7) spells an abstract address; nobody ever connects, the bound name is
	 * the lock.
	 * @param name the name, without the leading NUL
	 * @return the bound socket
	 * @throws IOException if the name is taken or no socket can be opened
	 */
	static Closeable bind(String name) throws IOException {
		UnixServerSocketChannel channel = UnixServerSocketChannel.open();
		try {
			channel.socket().bind(new UnixSocketAddress("\0" + name));
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

}
