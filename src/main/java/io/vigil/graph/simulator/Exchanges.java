package io.vigil.graph.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/** Small helpers for the simulator's HTTP exchanges. */
final class Exchanges {

	private Exchanges() {
	}

	static Map<String, String> parameters(@Nullable String encoded) {
		var result = new HashMap<String, String>();
		if (encoded == null || encoded.isEmpty()) {
			return result;
		}
		for (var pair : encoded.split("&")) {
			var equals = pair.indexOf('=');
			var name = equals < 0 ? pair : pair.substring(0, equals);
			var value = equals < 0 ? "" : pair.substring(equals + 1);
			result.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return result;
	}

	static String body(HttpExchange exchange) {
		try {
			return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static @Nullable String bearer(HttpExchange exchange) {
		var header = exchange.getRequestHeaders().getFirst("Authorization");
		return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
	}

	static void json(HttpExchange exchange, int status, String json) throws IOException {
		json(exchange, status, json.getBytes(StandardCharsets.UTF_8));
	}

	static void json(HttpExchange exchange, int status, byte[] json) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		var bytes = json;
		if (json.length > 0 && acceptsGzip(exchange)) {
			bytes = gzip(json);
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
		}
		record(exchange, status);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (var out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		exchange.close();
	}

	/** As Graph does, when the client asks for it ({@code Accept-Encoding: gzip}). */
	private static boolean acceptsGzip(HttpExchange exchange) {
		var accepted = exchange.getRequestHeaders().get("Accept-Encoding");
		return accepted != null && accepted.stream()
			.flatMap(header -> java.util.Arrays.stream(header.split(",")))
			.anyMatch(coding -> coding.strip().toLowerCase(java.util.Locale.ROOT).startsWith("gzip"));
	}

	/** The fastest level: the simulator's own CPU is not what a benchmark measures. */
	private static byte[] gzip(byte[] bytes) throws IOException {
		var out = new java.io.ByteArrayOutputStream(bytes.length / 4 + 64);
		try (var gzip = new java.util.zip.GZIPOutputStream(out, 64 * 1024) {
			{
				def.setLevel(java.util.zip.Deflater.BEST_SPEED);
			}
		}) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

	static void empty(HttpExchange exchange, int status) throws IOException {
		record(exchange, status);
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	/**
	 * Each exchange's recorder learns the status before the client can see the response.
	 * Keyed by the exchange itself: the JDK server's exchange attributes are shared by
	 * all exchanges of a context.
	 */
	private static final java.util.Map<HttpExchange, java.util.function.IntConsumer> RECORDERS = new java.util.concurrent.ConcurrentHashMap<>();

	static void onResponse(HttpExchange exchange, java.util.function.IntConsumer recorder) {
		RECORDERS.put(exchange, recorder);
	}

	static void forget(HttpExchange exchange) {
		RECORDERS.remove(exchange);
	}

	private static void record(HttpExchange exchange, int status) {
		var recorder = RECORDERS.remove(exchange);
		if (recorder != null) {
			recorder.accept(status);
		}
	}

	/** Graph's error body: {@code {"error": {"code": ..., "message": ...}}}. */
	/**
	 * Entra's answer when the app lacks the permission or may not touch the user (an
	 * administrator).
	 */
	static int denied(HttpExchange exchange) throws IOException {
		json(exchange, 403,
				graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
		return 403;
	}

	static String graphError(String code, String message) {
		return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'")
				+ "\",\"innerError\":{\"date\":\"" + java.time.Instant.now() + "\"}}}";
	}

}
