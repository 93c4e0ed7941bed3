package io.vigil.detection.builtin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a published list that a rule checks (CloudFlare's ranges, hosting networks) and
 * reads it; any failure (unreachable, an error answer, too large, not such a list) is
 * logged with what stays in use, and the caller keeps its list.
 */
final class ListDownload implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ListDownload.class);

	private final String what;

	private final Duration timeout;

	private final int maxBytes;

	private final HttpClient http;

	/**
	 * @param what the list, as the log names it
	 * @param maxBytes the largest answer that can be such a list
	 */
	ListDownload(String what, Duration timeout, int maxBytes, HttpClient.Redirect redirects) {
		this.what = what;
		this.timeout = timeout;
		this.maxBytes = maxBytes;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(redirects).build();
	}

	/**
	 * The list at {@code url}, read by {@code reader} (which throws for what is no such
	 * list), or empty when it could not be had.
	 * @param keeping what stays in use if not, for the log
	 */
	<T> Optional<T> fetch(URI url, Function<String, T> reader, String keeping) {
		try {
			var request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
			var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (var body = response.body()) {
				if (response.statusCode() != 200) {
					log.warn("{} not refreshed: {} answered {}; keeping {}", what, url, response.statusCode(), keeping);
					return Optional.empty();
				}
				var bytes = body.readNBytes(maxBytes + 1);
				if (bytes.length > maxBytes) {
					throw new IllegalArgumentException("the answer is larger than " + maxBytes + " bytes");
				}
				return Optional.of(reader.apply(new String(bytes, StandardCharsets.UTF_8)));
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("{} not refreshed from {} ({}); keeping {}", what, url, ex.toString(), keeping);
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** Its connections and selector thread end with the application, not with the JVM. */
	@Override
	public void close() {
		http.shutdownNow();
	}

}
