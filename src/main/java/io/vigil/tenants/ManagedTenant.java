package io.vigil.tenants;

import java.time.Instant;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * An Entra directory an organization manages.
 *
 * @param appRegistrationId the organization's Graph app registration used to reach it
 * (the credential reference)
 * @param statusReason why the status is what it is, in words an analyst understands; null
 * when connected
 */
public record ManagedTenant(ManagedTenantId id, OrganizationId organizationId, String entraTenantId, String displayName,
		UUID appRegistrationId, TenantStatus status, @Nullable String statusReason, Instant statusChangedAt) {
}
