package io.vigil.tenants;

import io.vigil.graph.TenantAccessReport;

/** How an admin-consent round trip ended. */
public sealed interface ConsentOutcome {

	/** The tenant is connected; the report says which permissions and licence it has. */
	record Connected(ManagedTenant tenant, TenantAccessReport access) implements ConsentOutcome {
	}

	/** The tenant's admin declined, or Entra reported an error. */
	record Refused(String reason) implements ConsentOutcome {
	}

	/**
	 * The answer does not belong to a request of this organization, was used, or expired.
	 */
	record Invalid(String reason) implements ConsentOutcome {
	}

	/**
	 * Consent was given, but Entra does not issue the app a token for the tenant (yet).
	 */
	record NoAccess(TenantAccessReport access) implements ConsentOutcome {
	}

}
