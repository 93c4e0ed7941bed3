package io.vigil.security;

/** What a person may do in Vigil. */
public enum Role {

	/** Organization settings, users, tenants, rules; and everything a responder does. */
	ORG_ADMIN,
	/**
	 * Incidents and response actions on the organization's tenants (optionally a set of
	 * them).
	 */
	RESPONDER,
	/** Sees what a responder sees, changes nothing. */
	READ_ONLY,
	/**
	 * A customer's admin: their own tenant's incidents only; confirms or dismisses them.
	 */
	TENANT_ADMIN;

	/** The role in words, as people see it. */
	public String label() {
		return switch (this) {
			case ORG_ADMIN -> "Organization admin";
			case RESPONDER -> "Responder";
			case READ_ONLY -> "Read-only";
			case TENANT_ADMIN -> "Customer admin";
		};
	}

	public String authority() {
		return "ROLE_" + name();
	}

	/** MSP staff must use a second factor; customer tenant admins may. */
	public boolean isStaff() {
		return this != TENANT_ADMIN;
	}

}
