package io.vigil.ingest;

import java.time.Instant;
import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * New directory audits or risk detections were committed for a tenant (one Graph page).
 * Redelivered records are not in it: each id appears in exactly one such event.
 *
 * @param recordIds ids of the new {@code activity_record} rows
 */
public record ActivityIngested(OrganizationId organizationId, ManagedTenantId managedTenantId, List<Long> recordIds,
		Instant committedAt) {

	public ActivityIngested {
		recordIds = List.copyOf(recordIds);
	}

}
