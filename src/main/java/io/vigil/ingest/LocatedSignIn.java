package io.vigil.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A successful interactive sign-in with the place Graph located it at.
 *
 * @param account the user id, else the UPN
 */
public record LocatedSignIn(long id, String account, Instant createdAt, @Nullable String ipAddress,
		@Nullable Integer asn, @Nullable String country, @Nullable String city, double latitude, double longitude) {
}
