package io.vigil.tenants;

import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * A managed tenant is read with another of the organization's app registrations from now
 * on (its admin consented to that one): polling resumes at once with it.
 *
 * @param eventId this occurrence (listeners use it to act once)
 */
public record ManagedTenantMoved(UUID eventId, OrganizationId organizationId, ManagedTenantId managedTenantId,
		String entraTenantId, UUID fromAppRegistration, UUID toAppRegistration, String actor) {
}
