package io.vigil.notification;

import io.vigil.incidents.CustomerVerdict;
import org.jspecify.annotations.Nullable;

/**
 * What an answer link answers: a customer's verdict, or the affected user's "was this
 * you?".
 */
public enum LinkAnswer {

	NOT_US(CustomerVerdict.NOT_US), US(CustomerVerdict.US), OUR_VPN(CustomerVerdict.OUR_VPN),
	/** The affected user: "yes, that was me". */
	WAS_ME(null),
	/** The affected user: "no, that was not me". */
	NOT_ME(null);

	private final @Nullable CustomerVerdict verdict;

	LinkAnswer(@Nullable CustomerVerdict verdict) {
		this.verdict = verdict;
	}

	/** The customer's verdict this answer gives, or null for the user's own answer. */
	public @Nullable CustomerVerdict verdict() {
		return verdict;
	}

	public boolean fromTheUser() {
		return verdict == null;
	}

	static LinkAnswer of(CustomerVerdict verdict) {
		return valueOf(verdict.name());
	}

}
