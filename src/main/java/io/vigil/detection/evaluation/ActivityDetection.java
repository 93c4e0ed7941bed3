package io.vigil.detection.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.detection.AccountActivities;
import io.vigil.detection.ActivityMatch;
import io.vigil.detection.ActivityMatched;
import io.vigil.detection.RuleCatalog;
import io.vigil.detection.rules.DetectionRule;
import io.vigil.detection.rules.EventSource;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.ingest.ActivityIngested;
import io.vigil.ingest.ActivityLog;
import io.vigil.ingest.StoredActivity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates new directory audits and risk detections against the tenant's Sigma rules for
 * those sources ({@code logsource.service: auditlogs / riskdetection}) and publishes the
 * matches. Idempotent like sign-in detection: a redelivered page publishes the same
 * matches, which incidents record once.
 */
@Component
class ActivityDetection {

	private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
	};

	private final ActivityLog log;

	private final RuleCatalog catalog;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final AccountActivities activities;

	ActivityDetection(ActivityLog log, RuleCatalog catalog, JsonMapper json, ApplicationEventPublisher events,
			AccountActivities activities) {
		this.log = log;
		this.catalog = catalog;
		this.json = json;
		this.events = events;
		this.activities = activities;
	}

	@ApplicationModuleListener
	void on(ActivityIngested ingested) {
		var book = catalog.ruleBook(ingested.organizationId(), ingested.managedTenantId());
		var found = new ArrayList<ActivityMatch>();
		for (var record : log.records(ingested.organizationId(), ingested.recordIds())) {
			var rules = book.rules(EventSource.ofActivity(record.source()));
			if (rules.isEmpty()) {
				continue;
			}
			var event = new SignInEvent(json.readValue(record.record(), RECORD));
			for (var rule : rules) {
				if (rule.matches(event)) {
					found.add(describe(record, rule, event));
				}
			}
		}
		if (!found.isEmpty()) {
			events.publishEvent(new ActivityMatched(ingested.organizationId(), ingested.managedTenantId(), found,
					ingested.committedAt()));
		}
	}

	private ActivityMatch describe(StoredActivity record, DetectionRule rule, SignInEvent event) {
		var metadata = rule.metadata();
		var account = account(record);
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("matched", rule.explain(event));
		evidence.put("activity", activities.classify(record, account == null ? "" : account).summary());
		if (record.actorUpn() != null || record.actorApp() != null) {
			evidence.put("by", record.actorUpn() != null ? record.actorUpn() : record.actorApp());
		}
		var dedup = Matches.dedupKey(metadata, event, account == null ? "unknown" : account);
		return new ActivityMatch(metadata.id(), metadata.title(), metadata.severity(), metadata.window(),
				metadata.checklist(), dedup, record.id(), record.graphId(), record.occurredAt(), account,
				account != null && account.equals(record.actorUserId()) ? record.actorUpn() : null, record.ipAddress(),
				evidence);
	}

	/**
	 * Who the incident is about: the acting user, else the first account the record
	 * names.
	 */
	private static @org.jspecify.annotations.Nullable String account(StoredActivity record) {
		if (record.actorUserId() != null) {
			return record.actorUserId();
		}
		List<String> accounts = record.accountIds();
		return accounts.isEmpty() ? null : accounts.getFirst();
	}

}
