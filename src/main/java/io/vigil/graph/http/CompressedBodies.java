package io.vigil.graph.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Arrays;
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

	/** Deflate's best ratio: what one compressed byte can inflate to. */
	private static final long MOST_PER_BYTE = 1032;

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

	/**
	 * Inflates straight into an array of the size the gzip trailer announces (one pass,
	 * no chunks to gather and copy: that halved the cost of a page); a trailer that
	 * understates the size (several members, or a lie) only costs a second read, bounded
	 * as the first.
	 */
	static byte[] inflate(byte[] gzipped, int largest) {
		try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
			var announced = new byte[Math.min(announcedSize(gzipped), largest)];
			var read = in.readNBytes(announced, 0, announced.length);
			var rest = in.readNBytes(largest - read + 1);
			if (read + rest.length > largest) {
				throw new IOException("Graph sent a body that inflates beyond " + largest + " bytes");
			}
			if (read == announced.length && rest.length == 0) {
				return announced;
			}
			var bytes = Arrays.copyOf(announced, read + rest.length);
			System.arraycopy(rest, 0, bytes, read, rest.length);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Graph sent a gzip body that cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * ISIZE, the last four bytes of a gzip body: the size of its last member, inflated
	 * (modulo 2^32). Only a hint, capped at what deflate can reach from the body's size
	 * (1,032 to 1), so that twenty bytes cannot make Vigil set 64 MiB aside; 0 when the
	 * body is too short to have one.
	 */
	private static int announcedSize(byte[] gzipped) {
		if (gzipped.length < 18) {
			return 0;
		}
		var end = gzipped.length;
		var size = (gzipped[end - 4] & 0xffL) | (gzipped[end - 3] & 0xffL) << 8 | (gzipped[end - 2] & 0xffL) << 16
				| (gzipped[end - 1] & 0xffL) << 24;
		return (int) Math.min(size, Math.min(gzipped.length * MOST_PER_BYTE, Integer.MAX_VALUE - 8));
	}

}
