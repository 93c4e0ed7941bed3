package io.vigil.tenants;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/** A managed tenant was disconnected: polling stops. */
public record ManagedTenantDisconnected(OrganizationId organizationId, ManagedTenantId managedTenantId) {
}
