package io.vigil.tenants;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/** A managed tenant was connected: it is to be polled from now on. */
public record ManagedTenantConnected(OrganizationId organizationId, ManagedTenantId managedTenantId) {
}
