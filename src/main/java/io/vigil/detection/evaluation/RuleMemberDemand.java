package io.vigil.detection.evaluation;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.detection.RuleCatalog;
import io.vigil.ingest.SignInMemberDemand;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.MemberSelection;
import io.vigil.shared.OrganizationId;

import org.springframework.stereotype.Component;

/**
 * Tells the poller which members of a tenant's sign-in records its rule book reads, so
 * that the trees handed to detection hold those only. Remembered for a minute per tenant:
 * asking the catalogue reads the tenant's rule settings from the database, and a poller
 * asks for every poll; a rule changed meanwhile only costs its sign-ins a parse of the
 * whole record.
 */
@Component
class RuleMemberDemand implements SignInMemberDemand {

	private final RuleCatalog catalog;

	private final Cache<ManagedTenantId, MemberSelection> recent = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	RuleMemberDemand(RuleCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public MemberSelection members(OrganizationId organization, ManagedTenantId tenant) {
		return recent.get(tenant, key -> catalog.ruleBook(organization, tenant).members());
	}

}
