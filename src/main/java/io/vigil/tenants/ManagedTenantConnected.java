package io.vigil.tenants;

import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * A managed tenant was connected: it is to be polled from now on.
 *
 * @param actor who connected it (an admin's email, or "vigil" / "demo")
 * @param eventId this occurrence, the same when the event is delivered again (listeners
 * use it to act once)
 */
public record ManagedTenantConnected(OrganizationId organizationId, ManagedTenantId managedTenantId,
		String entraTenantId, String actor, UUID eventId) {
}
