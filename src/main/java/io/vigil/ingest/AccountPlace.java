package io.vigil.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A country and network an account signed in from successfully, and the first time it did
 * in the period asked about.
 */
public record AccountPlace(String account, @Nullable String country, @Nullable Integer asn, Instant firstAt) {
}
