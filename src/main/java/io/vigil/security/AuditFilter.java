package io.vigil.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which audit entries to show: a person (their email), an action or its prefix
 * ({@code response.} for every response action), a tenant (its id, as entries carry it),
 * a time range; null selects everything.
 */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String tenant,
		@Nullable Instant from, @Nullable Instant to) {

	public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

}
