package io.vigil.ingest;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.MemberSelection;
import io.vigil.shared.OrganizationId;

/**
 * Which top-level members of a tenant's sign-in records the listeners of
 * {@link SignInsIngested} read from the trees handed to them (detection: its rules'
 * fields); the poller builds each record's tree from those only. A listener asking for a
 * member left out gets the whole record parsed, so a demand that lags a change of rules
 * costs time, never a missed field. Without an implementation every member is read.
 */
public interface SignInMemberDemand {

	MemberSelection members(OrganizationId organization, ManagedTenantId tenant);

}
