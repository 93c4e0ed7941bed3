package io.vigil.ingest;

import java.time.Instant;
import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * New sign-ins were committed for a tenant (one Graph page). Redelivered sign-ins are not
 * in it: each id appears in exactly one such event.
 *
 * @param signInIds ids of the new {@code sign_in} rows
 * @param committedAt when the page was committed, to measure detection latency from
 */
public record SignInsIngested(OrganizationId organizationId, ManagedTenantId managedTenantId, List<Long> signInIds,
		Instant committedAt) {

	public SignInsIngested {
		signInIds = List.copyOf(signInIds);
	}

}
