package io.vigil.detection;

import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

/**
 * New directory audits or risk detections show what an attacker holding an account does
 * next (see {@link AccountActivity#postCompromise()}). Published again on redelivery;
 * consumers are idempotent.
 */
public record AccountActivityFound(OrganizationId organizationId, ManagedTenantId managedTenantId,
		List<AccountActivity> activities) {

	public AccountActivityFound {
		activities = List.copyOf(activities);
	}

}
