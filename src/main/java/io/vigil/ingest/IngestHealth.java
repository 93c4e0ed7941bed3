package io.vigil.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How ingestion of one tenant fares.
 *
 * @param lastSuccessAt when a poll last completed, null if never
 * @param lastError the last failure in words, null after a success
 */
public record IngestHealth(@Nullable Instant lastSuccessAt, @Nullable Instant lastAttemptAt, Instant nextPollAt,
		int consecutiveFailures, @Nullable String lastError) {
}
