package io.vigil.response;

/** What can be done to a customer tenant's user. */
public enum ResponseAction {

	REVOKE_SESSIONS("Revoke all sessions"), BLOCK_SIGN_IN("Block sign-in"), UNBLOCK_SIGN_IN("Unblock sign-in");

	private final String label;

	ResponseAction(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
