package io.vigil.graph.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Graph's log pages asked for and read gzip-compressed: sign-in JSON shrinks to a seventh
 * or less, and receiving it over TLS was a sixth of Vigil's CPU per sign-in; inflating
 * costs about 5 µs per 7 KB record. A body that inflates beyond {@link #LARGEST} (a
 * compression bomb: no page of 1,000 records comes near it) fails the request.
 */
final class CompressedBodies {

	/** What a client asking for compressed bodies sends. */
	static final String ACCEPT_ENCODING = "gzip";

	static final int LARGEST = 64 * 1024 * 1024;

	private CompressedBodies() {
	}

	/** Bodies as bytes, inflated when the answer says {@code Content-Encoding: gzip}. */
	static HttpResponse.BodyHandler<byte[]> handler() {
		return info -> gzipped(info.headers()) ? HttpResponse.BodySubscribers
			.mapping(HttpResponse.BodySubscribers.ofByteArray(), CompressedBodies::inflate)
				: HttpResponse.BodySubscribers.ofByteArray();
	}

	private static boolean gzipped(HttpHeaders headers) {
		return headers.firstValue("Content-Encoding")
			.map(coding -> coding.strip().toLowerCase(Locale.ROOT).equals("gzip"))
			.orElse(false);
	}

	static byte[] inflate(byte[] gzipped) {
		return inflate(gzipped, LARGEST);
	}

	static byte[] inflate(byte[] gzipped, int largest) {
		try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
			var bytes = in.readNBytes(largest + 1);
			if (bytes.length > largest) {
				throw new IOException("Graph sent a body that inflates beyond " + largest + " bytes");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Graph sent a gzip body that cannot be read: " + ex.getMessage(), ex);
		}
	}

}
