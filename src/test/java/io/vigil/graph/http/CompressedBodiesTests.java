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

	private static byte[] gzip(byte[] bytes) throws IOException {
		var out = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
