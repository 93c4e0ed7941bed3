package io.vigil.detection;

import java.time.Instant;
import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * Rules matched sign-ins of a tenant (from one ingested page, or a retro-hunt asked to
 * raise incidents). The same match may be published again (redelivery); consumers are
 * idempotent.
 *
 * @param ingestCommittedAt when the sign-ins were committed by ingest, to measure
 * detection latency from
 */
public record SignInsMatched(OrganizationId organizationId, ManagedTenantId managedTenantId, List<SignInMatch> matches,
		Instant ingestCommittedAt) {

	public SignInsMatched {
		matches = List.copyOf(matches);
	}

}
