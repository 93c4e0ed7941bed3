package io.vigil.incidents;

import java.time.Instant;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;

/**
 * Known-good activity that raises no incident: every field set must match (null: any).
 * {@code network} is a CIDR the sign-in's IP falls in; {@code asn} its autonomous system;
 * {@code expiresAt} null only when chosen explicitly.
 */
public record Suppression(UUID id, @Nullable ManagedTenantId tenant, @Nullable String ruleId,
		@Nullable String accountId, @Nullable String network, @Nullable Long asn, @Nullable String country,
		String reason, @Nullable Instant expiresAt, @Nullable UUID sourceIncident, String createdBy,
		Instant createdAt) {

	/** The scope before it is saved. */
	public record Scope(@Nullable ManagedTenantId tenant, @Nullable String ruleId, @Nullable String accountId,
			@Nullable String network, @Nullable Long asn, @Nullable String country) {

		public boolean isEmpty() {
			return tenant == null && ruleId == null && accountId == null && network == null && asn == null
					&& country == null;
		}

	}

}
