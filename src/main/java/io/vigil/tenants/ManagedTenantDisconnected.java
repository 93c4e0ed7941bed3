package io.vigil.tenants;

import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * A managed tenant was disconnected: polling stops at once. With {@code deleteData},
 * every module deletes what it holds of the tenant (sign-ins, incidents, settings); the
 * tenant's row stays, marked disconnected, for the record.
 *
 * @param eventId this occurrence, the same when the event is delivered again (listeners
 * use it to act once)
 */
public record ManagedTenantDisconnected(OrganizationId organizationId, ManagedTenantId managedTenantId,
		boolean deleteData, String actor, UUID eventId) {
}
