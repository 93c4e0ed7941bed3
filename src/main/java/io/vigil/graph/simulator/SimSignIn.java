package io.vigil.graph.simulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One sign-in of the simulated timeline, before it is rendered as Graph JSON.
 *
 * @param visibleAt when Graph starts listing it (later than {@code created} for late
 * events)
 * @param copies how many times Graph lists it (2 for a duplicate)
 * @param malformed rendered with a broken createdDateTime, to be quarantined
 */
record SimSignIn(String id, Instant created, Instant visibleAt, String eventType, int copies, boolean malformed,
		SimUser user, String ipAddress, int asn, String city, String state, String country, String userAgent,
		String clientAppUsed, int errorCode, @Nullable String failureReason, @Nullable String additionalDetails,
		String authenticationRequirement, String riskLevel, int conditionalAccessPolicies, int appIndex) {

	boolean success() {
		return errorCode == 0;
	}

}
