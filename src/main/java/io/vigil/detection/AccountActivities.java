package io.vigil.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vigil.ingest.ActivityIngested;
import io.vigil.ingest.ActivityLog;
import io.vigil.ingest.StoredActivity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What accounts did, or had done to them, according to the directory audits and risk
 * detections: for an incident's post-compromise view, and, as new records arrive, the
 * {@link AccountActivityFound} event for activity an attacker holding the account would
 * leave behind.
 */
@Service
public class AccountActivities {

	/** More than an analyst reads on one page; the page says when there are more. */
	public static final int LIMIT = 200;

	private final ActivityLog log;

	private final ActivitySummaries summaries = new ActivitySummaries();

	private final ApplicationEventPublisher events;

	AccountActivities(ActivityLog log, ApplicationEventPublisher events) {
		this.log = log;
		this.events = events;
	}

	/** The account's activity in {@code [from, to]}, oldest first. */
	@Transactional(readOnly = true)
	public List<AccountActivity> of(OrganizationId organization, ManagedTenantId tenant, String accountId, Instant from,
			Instant to) {
		return log.forAccount(organization, tenant, accountId, from, to, LIMIT)
			.stream()
			.map(record -> classify(record, accountId))
			.toList();
	}

	/**
	 * Classifies a page of new records; the post-compromise ones are published, per
	 * account. Idempotent: a redelivered page publishes the same activity, which
	 * incidents take once.
	 */
	@ApplicationModuleListener
	void on(ActivityIngested ingested) {
		var found = new ArrayList<AccountActivity>();
		for (var record : log.records(ingested.organizationId(), ingested.recordIds())) {
			for (var account : record.accountIds()) {
				var activity = classify(record, account);
				if (activity.postCompromise()) {
					found.add(activity);
				}
			}
		}
		if (!found.isEmpty()) {
			events.publishEvent(new AccountActivityFound(ingested.organizationId(), ingested.managedTenantId(), found));
		}
	}

	public AccountActivity classify(StoredActivity record, String accountId) {
		var kind = record.riskDetection() ? ActivityKind.RISK_DETECTED : ActivityKind.ofAudit(record.activity());
		var byAccount = accountId.equals(record.actorUserId());
		var actor = record.actorUpn() != null ? record.actorUpn() : record.actorApp();
		return new AccountActivity(record.id(), accountId, record.source(), record.occurredAt(), record.activity(),
				kind, summaries.summary(record), byAccount, record.ipAddress(), actor);
	}

}
