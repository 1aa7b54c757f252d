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
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.Acceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

import io.github.bootd.upgrade.Acceptors;

/**
 * Stops Tomcat's acceptor thread alone, once a successor serves on the shared listening
 * socket. Tomcat's own pause cannot be used for that: it wakes the acceptor blocked in
 * {@code accept(2)} with one connection to its own port, which on a shared socket may
 * reach the successor, and the still-blocked acceptor then takes the next client
 * connection and destroys it (a paused or stopping acceptor closes what it accepts); a
 * paused Tomcat also answers 503 on its keep-alive connections. Here the acceptor's own
 * channel is closed instead, which wakes the blocked {@code accept} with an exception and
 * takes no connection from the queue (closing this process' descriptor leaves the socket
 * open in the successor), while the endpoint reads as stopped so that Tomcat ends the
 * acceptor without logging an error. The connections already accepted are served, each
 * told {@code Connection: close} after its next response ({@code maxKeepAliveRequests}
 * 1), so that their clients reconnect, to the successor, the way HTTP allows.
 * <p>
 * Tomcat offers no public way to stop the acceptor alone: its fields and its server
 * channel are reached by reflection (Tomcat 10.1 and 11).
 *
 * @author bootd authors
 */
public final class TomcatAcceptors implements Acceptors {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<@Nullable WebServer> webServer;

	/**
	 * Create the control of a Tomcat web server's acceptors.
	 * @param webServer the running web server, {@code null} before it runs
	 */
	public TomcatAcceptors(Supplier<@Nullable WebServer> webServer) {
		this.webServer = webServer;
	}

	/**
	 * Whether a web server is one whose acceptors this can stop.
	 * @param webServer the web server
	 * @return whether it is Tomcat
	 */
	public static boolean supports(@Nullable WebServer webServer) {
		return webServer instanceof TomcatWebServer;
	}

	@Override
	public synchronized long stopAccepting(int port) throws IOException {
		if (!(this.webServer.get() instanceof TomcatWebServer tomcat)) {
			throw new IOException("the web server is not Tomcat");
		}
		long open = 0;
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			if (connector.getLocalPort() != port
					|| !(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
				continue;
			}
			AbstractEndpoint<?, ?> endpoint = (AbstractEndpoint<?, ?>) invoke(AbstractProtocol.class, protocol,
					"getEndpoint");
			endpoint.setMaxKeepAliveRequests(1);
			Acceptor<?> acceptor = (Acceptor<?>) field(AbstractEndpoint.class, endpoint, "acceptor");
			Object channel = invoke(endpoint.getClass(), endpoint, "getServerSocket");
			if (acceptor == null || !(channel instanceof Channel)) {
				continue;
			}
			// Not acceptor.stop(): the acceptor destroys a connection it accepted once it
			// reads stopCalled (Acceptor.run, Tomcat 11.0.24), and one it accepted just
			// before is a client's, which must be served. It ends on the exception its
			// accept gets instead, while the endpoint reads as not running
			Field running = declared(AbstractEndpoint.class, "running");
			try {
				// While the endpoint reads as not running, the acceptor ends on an
				// exception from its accept without logging "Socket accept failed"
				running.setBoolean(endpoint, false);
				if (endpoint instanceof InheritedChannelHttp11NioProtocol.InheritedChannelEndpoint inherited) {
					inherited.stopAcceptingForGood();
				}
				else {
					// Tomcat's own endpoint blocks in accept: closing its channel wakes
					// it with an exception and takes no connection from the queue, and
					// closing this process' descriptor leaves the socket open in the
					// other JVM
					((Channel) channel).close();
				}
				long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
				while (acceptor.getState() != Acceptor.AcceptorState.ENDED && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
			}
			catch (IllegalAccessException ex) {
				throw new IOException("cannot stop Tomcat's acceptor (" + ex + ")", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while stopping Tomcat's acceptor", ex);
			}
			finally {
				try {
					running.setBoolean(endpoint, true);
				}
				catch (IllegalAccessException ex) {
					// Read with the same access above
				}
			}
			if (acceptor.getState() != Acceptor.AcceptorState.ENDED) {
				throw new IOException("Tomcat's acceptor on port " + port + " did not stop");
			}
			open += endpoint.getConnectionCount();
		}
		return open;
	}

	@Override
	public long openConnections(int port) {
		if (!(this.webServer.get() instanceof TomcatWebServer tomcat)) {
			return 0;
		}
		long open = 0;
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
					&& (connector.getLocalPort() == port || connector.getLocalPort() < 0)) {
				try {
					open += ((AbstractEndpoint<?, ?>) invoke(AbstractProtocol.class, protocol, "getEndpoint"))
						.getConnectionCount();
				}
				catch (IOException ex) {
					return 0;
				}
			}
		}
		return open;
	}

	private static Object invoke(Class<?> type, Object target, String name) throws IOException {
		try {
			Method method = findMethod(type, name);
			method.setAccessible(true);
			return method.invoke(target);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IOException("cannot reach Tomcat's " + name + " (" + ex + ")", ex);
		}
	}

	private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			try {
				return candidate.getDeclaredMethod(name);
			}
			catch (NoSuchMethodException ex) {
				// Declared higher up
			}
		}
		throw new NoSuchMethodException(type.getName() + "." + name + "()");
	}

	private static @Nullable Object field(Class<?> type, Object target, String name) throws IOException {
		try {
			return declared(type, name).get(target);
		}
		catch (IllegalAccessException ex) {
			throw new IOException("cannot reach Tomcat's " + name + " (" + ex + ")", ex);
		}
	}

	private static Field declared(Class<?> type, String name) throws IOException {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IOException("cannot reach Tomcat's " + name + " (" + ex + ")", ex);
		}
	}

}
