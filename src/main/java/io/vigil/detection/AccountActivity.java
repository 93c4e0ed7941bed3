package io.vigil.detection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A directory audit or risk detection about an account, classified for an investigation.
 *
 * @param recordId the stored record's row id
 * @param byAccount the account itself did it (the acting user), as an attacker holding
 * its session would; false when an admin or an app acted on it
 * @param summary one line for people: what, to what, with what
 */
public record AccountActivity(long recordId, String accountId, String source, Instant occurredAt, String activity,
		ActivityKind kind, String summary, boolean byAccount, @Nullable String ipAddress, @Nullable String actor) {

	/**
	 * What an attacker holding the account does next: the account registers a method,
	 * consents to an app, changes a role or password, adds an app; or Identity Protection
	 * flags it. Changes an admin or an app makes (Vigil's own containment among them) are
	 * shown but do not count.
	 */
	public boolean postCompromise() {
		return kind == ActivityKind.RISK_DETECTED || (byAccount && kind != ActivityKind.OTHER);
	}

}
