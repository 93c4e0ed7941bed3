package io.vigil.graph;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What Vigil may do in a customer tenant, found by asking Entra for a token and Graph for
 * a sign-in.
 *
 * @param consented whether Entra issues the app a token for the tenant
 * @param problem why not, or what else went wrong, in words
 */
public record TenantAccessReport(boolean consented, Set<GraphPermission> granted, Set<GraphPermission> missing,
		Licence licence, @Nullable String problem) {

	public TenantAccessReport {
		granted = Set.copyOf(granted);
		missing = Set.copyOf(missing);
	}

	public enum Licence {

		/** Graph lists sign-ins: the tenant has Entra ID P1 or P2. */
		LICENSED,
		/** 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant. */
		UNLICENSED,
		/** Not known: no permission to read sign-ins, or Graph did not answer. */
		UNKNOWN

	}

}
