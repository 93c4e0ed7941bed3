package io.vigil.detection.builtin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP server publishing one list at one path, answering with whatever
 * status and body the test sets: where a refreshed list comes from in the tests.
 */
final class ListServer implements AutoCloseable {

	private final HttpServer server;

	private final String path;

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

	ListServer(String path) throws IOException {
		this.path = path;
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext(path, exchange -> {
			var bytes = body.get();
			exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	void serve(String text) {
		serve(text.getBytes(StandardCharsets.UTF_8));
	}

	void serve(byte[] bytes) {
		body.set(bytes);
	}

	void answer(int code) {
		status.set(code);
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
