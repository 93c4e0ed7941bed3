package io.vigil.incidents;

import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/** A new incident was opened (notifications follow this). */
public record IncidentOpened(OrganizationId organizationId, ManagedTenantId managedTenantId, UUID incidentId,
		String ruleId, Severity severity) {
}
