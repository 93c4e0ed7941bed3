package io.vigil.shared;

import java.util.UUID;

/** Identifies a ManagedTenant (Vigil's own id, not the Entra tenant id). */
public record ManagedTenantId(UUID value) {

	public static ManagedTenantId of(String value) {
		return new ManagedTenantId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
