package io.vigil.incidents;

import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * Something about an incident changed that people outside Vigil hear about (notifications
 * follow this). Published in the transaction of the change.
 *
 * @param actor who made the change ({@code vigil} for Vigil itself)
 * @param note the change in a few words (a reason, the action taken), or empty
 */
public record IncidentUpdated(OrganizationId organizationId, ManagedTenantId managedTenantId, UUID incidentId,
		Severity severity, Change change, String actor, String note) {

	public enum Change {

		/** A containment action (block sign-in, revoke sessions) succeeded. */
		CONTAINED,
		/**
		 * A sign-in after a block or revoke shows the attacker is still in (the incident
		 * is reopened if closed).
		 */
		CONTAINMENT_BREACHED,
		/** The affected user answered "was this you?" (or did not, in time). */
		USER_ANSWERED,
		/** Dismissed as benign or resolved. */
		CLOSED,
		/** Back to an open status after being closed. */
		REOPENED,
		/** The customer confirmed the compromise ("this was not us"). */
		CONFIRMED_BY_CUSTOMER,
		/**
		 * The customer said "this was us" or "our VPN" on a high or critical incident: an
		 * analyst must review it.
		 */
		CUSTOMER_REVIEW_REQUESTED,
		/** An analyst accepted or rejected the customer's "this was us". */
		CUSTOMER_REVIEW_DECIDED

	}

}
