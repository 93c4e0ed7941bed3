package io.vigil.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection of a page just ingested evaluates the reader's tree: the stored record is
 * decompressed only if something asks for its text, and then once.
 */
class StoredSignInTests {

	@Test
	void theRecordIsDecompressedOnlyWhenAskedForAndOnlyOnce() {
		var decoded = new AtomicInteger();
		var signIn = new StoredSignIn(7, new OrganizationId(UUID.randomUUID()), new ManagedTenantId(UUID.randomUUID()),
				"g-7", Instant.parse("2026-12-01T00:00:00Z"), () -> {
					decoded.incrementAndGet();
					return "{\"id\":\"g-7\"}";
				}, null)
			.withFields(Map.of("id", "g-7"));

		assertThat(signIn.fields()).containsEntry("id", "g-7");
		assertThat(signIn.id()).isEqualTo(7);
		assertThat(decoded).as("nothing asked for the text yet").hasValue(0);
		assertThat(signIn.record()).isEqualTo("{\"id\":\"g-7\"}");
		assertThat(signIn.record()).isEqualTo("{\"id\":\"g-7\"}");
		assertThat(decoded).hasValue(1);
	}

}
