package io.vigil.detection;

import java.time.Instant;
import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * Rules matched directory audits or risk detections of a tenant (one ingested page).
 * Published again on redelivery; consumers are idempotent.
 */
public record ActivityMatched(OrganizationId organizationId, ManagedTenantId managedTenantId,
		List<ActivityMatch> matches, Instant ingestCommittedAt) {

	public ActivityMatched {
		matches = List.copyOf(matches);
	}

}
