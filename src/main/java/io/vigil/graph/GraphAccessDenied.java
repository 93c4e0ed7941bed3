package io.vigil.graph;

/** The tenant refuses Vigil's access; retrying soon will not help. */
public final class GraphAccessDenied extends GraphException {

	/** Why access is refused. */
	public enum Reason {

		/**
		 * 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: no Entra ID P1/P2
		 * licence.
		 */
		LICENCE_REQUIRED,
		/**
		 * The app is not (or no longer) consented in the tenant, or its credentials are
		 * refused.
		 */
		CONSENT_MISSING,
		/** The app lacks a permission for this call. */
		PERMISSION_MISSING

	}

	private final Reason reason;

	private final String graphCode;

	public GraphAccessDenied(Reason reason, String graphCode, String message) {
		super(message, null);
		this.reason = reason;
		this.graphCode = graphCode;
	}

	public Reason reason() {
		return reason;
	}

	/**
	 * Graph's or Entra's error code, e.g.
	 * {@code Authentication_RequestFromNonPremiumTenantOrB2CTenant}.
	 */
	public String graphCode() {
		return graphCode;
	}

}
