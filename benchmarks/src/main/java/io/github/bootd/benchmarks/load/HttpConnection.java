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

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.github.bootd.benchmarks.load.Outcome.PrematureCloseException;

/**
 * One HTTP/1.1 connection on a plain socket: writes a request, reads its response to the
 * end (Content-Length, chunked, or until the server closes). A plain socket, not an HTTP
 * client library, so that what the kernel reported (refused, reset, end of stream)
 * reaches the benchmark unchanged, and no library retries or pools behind its back.
 *
 * @author bootd authors
 */
final class HttpConnection implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final byte[] buffer = new byte[8192];

	private int position;

	private int limit;

	private long received;

	private int exchanges;

	private HttpConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = socket.getInputStream();
	}

	static HttpConnection open(InetSocketAddress address, int timeoutMillis) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(address, timeoutMillis);
			socket.setSoTimeout(timeoutMillis);
			return new HttpConnection(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	static byte[] request(InetSocketAddress address, String path, boolean keepAlive) {
		return ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
				+ "\r\nAccept: */*\r\nUser-Agent: bootd-load-generator\r\n" + (keepAlive ? "" : "Connection: close\r\n")
				+ "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Number of exchanges completed on this connection.
	 * @return the count
	 */
	int exchanges() {
		return this.exchanges;
	}

	/**
	 * Number of bytes received on this connection so far.
	 * @return the count
	 */
	long received() {
		return this.received;
	}

	Response exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		Response response = readResponse();
		this.exchanges++;
		return response;
	}

	private Response readResponse() throws IOException {
		String statusLine = readLine();
		// "HTTP/1.1 200 " (the reason phrase may be empty)
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new ProtocolException("Not an HTTP/1.x status line: '" + statusLine + "'");
		}
		int status = parseInt(parts[1], statusLine);
		long contentLength = -1;
		boolean chunked = false;
		boolean close = parts[0].equals("HTTP/1.0");
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new ProtocolException("Malformed header line: '" + line + "'");
			}
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "content-length" -> contentLength = parseInt(value, line);
				case "transfer-encoding" -> chunked = value.contains("chunked");
				case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
				default -> {
				}
			}
		}
		if (chunked) {
			readChunked();
		}
		else if (contentLength >= 0) {
			skip(contentLength);
		}
		else if (status >= 200 && status != 204 && status != 304) {
			// No length: the body ends where the connection does (RFC 9112 6.3)
			while (read() != -1) {
			}
			close = true;
		}
		return new Response(status, close);
	}

	private void readChunked() throws IOException {
		while (true) {
			String sizeLine = readLine();
			int semicolon = sizeLine.indexOf(';');
			String size = (semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine;
			long length;
			try {
				length = Long.parseLong(size.trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw new ProtocolException("Malformed chunk size: '" + sizeLine + "'");
			}
			if (length == 0) {
				// Trailer fields, then the empty line
				while (!readLine().isEmpty()) {
				}
				return;
			}
			skip(length);
			if (!readLine().isEmpty()) {
				throw new ProtocolException("Chunk not followed by CRLF");
			}
		}
	}

	private void skip(long length) throws IOException {
		for (long i = 0; i < length; i++) {
			if (read() == -1) {
				throw new PrematureCloseException("Connection closed " + i + " bytes into a " + length + "-byte body");
			}
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder();
		while (true) {
			int b = read();
			if (b == -1) {
				throw new PrematureCloseException((this.received == 0) ? "Connection closed before any response"
						: "Connection closed in the response head after '" + line + "'");
			}
			if (b == '\n') {
				int length = line.length();
				return (length > 0 && line.charAt(length - 1) == '\r') ? line.substring(0, length - 1)
						: line.toString();
			}
			if (line.length() > 16384) {
				throw new ProtocolException("Response line longer than 16 KiB");
			}
			line.append((char) b);
		}
	}

	private int read() throws IOException {
		if (this.position == this.limit) {
			int count = this.in.read(this.buffer, 0, this.buffer.length);
			if (count <= 0) {
				return -1;
			}
			this.received += count;
			this.position = 0;
			this.limit = count;
		}
		return this.buffer[this.position++] & 0xff;
	}

	private static int parseInt(String value, String line) throws ProtocolException {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ProtocolException("Malformed number in '" + line + "'");
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing to do for a benchmark: the socket is gone either way
		}
	}

	/**
	 * A complete response.
	 *
	 * @param status the status code
	 * @param close whether the server closes the connection after it
	 */
	record Response(int status, boolean close) {

	}

}
