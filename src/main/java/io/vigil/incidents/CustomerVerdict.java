package io.vigil.incidents;

/**
 * A customer's answer to an incident: from their admin in Vigil, or from the links in the
 * incident email.
 */
public enum CustomerVerdict {

	/** "Confirm: this was not us": the compromise is confirmed. */
	NOT_US("This was not us"),
	/** "Dismiss: this was us". */
	US("This was us"),
	/**
	 * "This was our VPN": benign, and the customer proposes a suppression for an analyst
	 * to approve.
	 */
	OUR_VPN("This was our VPN");

	private final String words;

	CustomerVerdict(String words) {
		this.words = words;
	}

	public String words() {
		return words;
	}

}
