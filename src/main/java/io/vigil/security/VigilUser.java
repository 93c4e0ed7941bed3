package io.vigil.security;

import java.util.Set;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in person: their organization, role and the tenants they may see.
 *
 * @param tenantScope the tenants this user is limited to; null: every tenant of the
 * organization
 */
public record VigilUser(UUID id, OrganizationId organizationId, String email, String displayName, Role role,
		@Nullable Set<ManagedTenantId> tenantScope, boolean totpEnabled, boolean demo) {

	public VigilUser {
		tenantScope = tenantScope == null ? null : Set.copyOf(tenantScope);
	}

	public boolean maySee(ManagedTenantId tenant) {
		return tenantScope == null || tenantScope.contains(tenant);
	}

	/** Response actions and changes to incidents beyond confirming or dismissing them. */
	public boolean mayAct() {
		return role == Role.ORG_ADMIN || role == Role.RESPONDER;
	}

}
