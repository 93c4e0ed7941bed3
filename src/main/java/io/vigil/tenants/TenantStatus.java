package io.vigil.tenants;

/** How Vigil's connection to a managed tenant fares, as the analyst sees it on the tenants overview. */
public enum TenantStatus {

	/** Connected and polled normally. */
	CONNECTED,
	/** Graph refuses sign-in logs: the tenant has no Entra ID P1/P2 licence. */
	UNLICENSED,
	/** The app registration is no longer consented (or was removed) in the tenant. */
	CONSENT_REVOKED,
	/** Repeated errors (server errors, timeouts); retried with backoff. */
	FAILING,
	/** Disconnected by an organization admin: not polled. */
	DISCONNECTED

}
