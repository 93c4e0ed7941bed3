package io.vigil.incidents;

import java.util.Set;

import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who creates a suppression, as far as its scope is concerned: a suppression silences
 * detection, so it may cover only tenants its author may see, and only organization
 * admins may silence every tenant or silence forever.
 *
 * @param tenants the tenants the author is limited to; null: every tenant of the
 * organization
 */
public record SuppressionAuthor(String name, @Nullable Set<ManagedTenantId> tenants, boolean organizationAdmin) {

	public SuppressionAuthor {
		tenants = tenants == null ? null : Set.copyOf(tenants);
	}

}
