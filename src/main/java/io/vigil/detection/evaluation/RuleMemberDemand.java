package io.vigil.detection.evaluation;

import io.vigil.detection.RuleCatalog;
import io.vigil.ingest.SignInMemberDemand;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.MemberSelection;
import io.vigil.shared.OrganizationId;

import org.springframework.stereotype.Component;

/**
 * Tells the poller which members of a tenant's sign-in records its rule book reads, so
 * that the trees handed to detection hold those only.
 */
@Component
class RuleMemberDemand implements SignInMemberDemand {

	private final RuleCatalog catalog;

	RuleMemberDemand(RuleCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public MemberSelection members(OrganizationId organization, ManagedTenantId tenant) {
		return catalog.ruleBook(organization, tenant).members();
	}

}
