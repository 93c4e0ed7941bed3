package io.vigil.response;

/** What can be done to a customer tenant's user. */
public enum ResponseAction {

	REVOKE_SESSIONS("Revoke all sessions", false), BLOCK_SIGN_IN("Block sign-in", false),
	UNBLOCK_SIGN_IN("Unblock sign-in", false), RESET_PASSWORD("Reset password", false),
	REMOVE_AUTHENTICATION_METHOD("Remove authentication method", true), DISABLE_INBOX_RULE("Disable inbox rule", true);

	private final String label;

	private final boolean needsSubject;

	ResponseAction(String label, boolean needsSubject) {
		this.label = label;
		this.needsSubject = needsSubject;
	}

	public String label() {
		return label;
	}

	/**
	 * Cuts the attacker off the account (the incident counts as contained, and Vigil
	 * watches it afterwards).
	 */
	public boolean contains() {
		return this == REVOKE_SESSIONS || this == BLOCK_SIGN_IN;
	}

	/**
	 * Acts on one of the user's things (a method, a rule), named by an
	 * {@link ActionSubject}.
	 */
	public boolean needsSubject() {
		return needsSubject;
	}

}
