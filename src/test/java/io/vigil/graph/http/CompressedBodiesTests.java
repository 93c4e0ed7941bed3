package io.vigil.graph.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Gzip bodies from Graph: read back exactly, and hostile ones refused, bounded. */
class CompressedBodiesTests {

	@Test
	void aGzipBodyInflatesToWhatWasSent() throws IOException {
		var page = "{\"value\":[" + "{\"id\":\"a\",\"userAgent\":\"Mozilla/5.0\"},".repeat(500) + "{}]}";
		assertThat(CompressedBodies.inflate(gzip(page.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(page.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aBodyInflatingBeyondTheBoundIsRefusedWithoutInflatingIt() throws IOException {
		var bomb = gzip(new byte[4 * 1024 * 1024]);
		assertThat(bomb.length).as("zeros compress a thousandfold").isLessThan(8 * 1024);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> CompressedBodies.inflate(bomb, 1024 * 1024))
			.withMessageContaining("inflates beyond 1048576 bytes");
	}

	@Test
	void aBodyThatIsNotGzipFailsTheRequestWithAClearError() {
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> CompressedBodies.inflate("{\"value\":[]}".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("Graph sent a gzip body that cannot be read");
	}

	@Test
	void aTrailerThatUnderstatesTheSizeLosesNothing() throws IOException {
		var page = "{\"value\":[" + "{\"id\":\"b\"},".repeat(2000) + "{}]}";
		var gzipped = gzip(page.getBytes(StandardCharsets.UTF_8));
		writeTrailerSize(gzipped, 10);
		assertThatExceptionOfType(UncheckedIOException.class).as("the stream checks ISIZE at its end")
			.isThrownBy(() -> CompressedBodies.inflate(gzipped));
		var twoMembers = concat(gzip("{\"value\":[".getBytes(StandardCharsets.UTF_8)),
				gzip("{\"id\":\"c\"}]}".getBytes(StandardCharsets.UTF_8)));
		assertThat(CompressedBodies.inflate(twoMembers)).as("the last member's size announces too little")
			.isEqualTo("{\"value\":[{\"id\":\"c\"}]}".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aTrailerThatOverstatesTheSizeIsBoundedAndTrimmed() throws IOException {
		var page = "{\"value\":[]}".getBytes(StandardCharsets.UTF_8);
		var gzipped = gzip(page);
		writeTrailerSize(gzipped, -1);
		assertThatExceptionOfType(UncheckedIOException.class).as("4 GiB announced: bounded, then the size check fails")
			.isThrownBy(() -> CompressedBodies.inflate(gzipped, 1024));
		assertThatExceptionOfType(UncheckedIOException.class).as("nor by a tiny body without a bound of its own")
			.isThrownBy(() -> CompressedBodies.inflate(gzipped));
		var honest = gzip(page);
		assertThat(CompressedBodies.inflate(honest, 1024)).isEqualTo(page);
	}

	@Test
	void aTinyBodyAnnouncingFourGibibytesDoesNotMakeVigilSetMemoryAside() throws IOException {
		var gzipped = gzip("{}".getBytes(StandardCharsets.UTF_8));
		writeTrailerSize(gzipped, -1);
		var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
		var before = threads.getCurrentThreadAllocatedBytes();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> CompressedBodies.inflate(gzipped));
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1024 * 1024);
	}

	@Test
	void aBodyTooShortForATrailerFailsClearly() {
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> CompressedBodies.inflate(new byte[] { 0x1f, (byte) 0x8b, 8 }))
			.withMessageStartingWith("Graph sent a gzip body that cannot be read");
	}

	private static void writeTrailerSize(byte[] gzipped, int size) {
		for (int i = 0; i < 4; i++) {
			gzipped[gzipped.length - 4 + i] = (byte) (size >>> (8 * i));
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		var both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		var out = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
