package io.vigil.tenants;

/**
 * How Vigil's connection to a managed tenant fares, as the analyst sees it on the tenants
 * overview.
 */
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
	DISCONNECTED;

	/** The status in words. */
	public String label() {
		return switch (this) {
			case CONNECTED -> "connected";
			case UNLICENSED -> "no Entra ID P1/P2 licence";
			case CONSENT_REVOKED -> "consent withdrawn";
			case FAILING -> "failing";
			case DISCONNECTED -> "disconnected";
		};
	}

	/** What to do about it, in words; null when nothing needs doing. */
	public @org.jspecify.annotations.Nullable String fix() {
		return switch (this) {
			case UNLICENSED -> "Give the tenant Entra ID P1 or P2: until then Graph gives Vigil no sign-in logs, so "
					+ "nothing is detected there (containment actions still work).";
			case CONSENT_REVOKED -> "Ask the customer's administrator to grant consent again (Admin, Connect tenants).";
			case FAILING -> "Vigil retries with backoff; the Operations page shows the last error.";
			case CONNECTED, DISCONNECTED -> null;
		};
	}

}
