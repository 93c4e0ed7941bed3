package io.vigil.ingest;

import java.time.Instant;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * A stored sign-in: its row id, Graph's id and time, and the full normalized Graph record
 * as JSON text (the reader chooses how to parse it).
 */
public record StoredSignIn(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId,
		Instant createdAt, String record) {
}
