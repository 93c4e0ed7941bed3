package io.vigil.incidents;

/** Where an incident stands. New matches join an incident only while it is open. */
public enum IncidentStatus {

	NEW, IN_PROGRESS, CONFIRMED_COMPROMISE,
	/**
	 * The customer said "this was us" (or "our VPN") on a high or critical incident: an
	 * analyst decides.
	 */
	CUSTOMER_SAYS_BENIGN, DISMISSED_BENIGN, RESOLVED;

	/**
	 * The statuses in which an incident takes new matches and shows in the queue by
	 * default; every query of open incidents reads them from here. An incident the
	 * customer calls benign stays open until an analyst decides: a later sign-in of the
	 * same kind joins it, where the analyst reviews it.
	 */
	public static final java.util.Set<IncidentStatus> OPEN = java.util.Collections
		.unmodifiableSet(java.util.EnumSet.of(NEW, IN_PROGRESS, CONFIRMED_COMPROMISE, CUSTOMER_SAYS_BENIGN));

	/** The status in words, as the queue and the incident page show it. */
	public String label() {
		return switch (this) {
			case NEW -> "New";
			case IN_PROGRESS -> "In progress";
			case CONFIRMED_COMPROMISE -> "Confirmed compromise";
			case CUSTOMER_SAYS_BENIGN -> "Customer says benign";
			case DISMISSED_BENIGN -> "Dismissed (benign)";
			case RESOLVED -> "Resolved";
		};
	}

	public boolean isOpen() {
		return OPEN.contains(this);
	}

}
