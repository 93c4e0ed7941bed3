package io.vigil.incidents;

import java.util.UUID;

import io.vigil.shared.OrganizationId;

/**
 * A customer gave a verdict on an incident, or an analyst decided on a customer's "this
 * was us". Published in the transaction of the change, for the audit log.
 *
 * @param verdict what was said ("not-us", "us", "our-vpn", "accepted", "rejected")
 */
public record VerdictGiven(OrganizationId organizationId, UUID incidentId, String actor, String verdict, String reason,
		IncidentStatus from, IncidentStatus to) {
}
