package io.vigil.incidents;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;

import io.vigil.detection.AccountActivities;
import io.vigil.detection.AccountActivity;
import io.vigil.detection.AccountActivityFound;
import io.vigil.detection.Severity;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Looks for what the attacker did next, for incidents about an account: the account's
 * post-compromise activity (see {@link AccountActivity#postCompromise()}) from the first
 * suspicious sign-in to a window after the last raises the incident's severity one level,
 * once, with a timeline entry naming what was found. Runs when an incident opens (the
 * audits may have arrived first) and when new audits or risk detections arrive (they
 * usually come later); both are idempotent.
 */
@Component
class PostCompromiseReview {

	private static final int SHOWN = 5;

	private final IncidentRepository incidents;

	private final AccountActivities activities;

	private final Clock clock;

	PostCompromiseReview(IncidentRepository incidents, AccountActivities activities, Clock clock) {
		this.incidents = incidents;
		this.activities = activities;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(IncidentOpened opened) {
		incidents.find(opened.organizationId(), opened.incidentId()).ifPresent(this::review);
	}

	@ApplicationModuleListener
	void on(AccountActivityFound found) {
		found.activities()
			.stream()
			.map(AccountActivity::accountId)
			.distinct()
			.flatMap(account -> incidents
				.openForAccount(found.organizationId(), found.managedTenantId(), account,
						found.activities()
							.stream()
							.filter(a -> a.accountId().equals(account))
							.map(AccountActivity::occurredAt)
							.min(java.time.Instant::compareTo)
							.orElseThrow())
				.stream())
			.distinct()
			.forEach(id -> incidents.find(found.organizationId(), id).ifPresent(this::review));
	}

	private void review(Incident incident) {
		if (incident.accountId() == null || incident.postCompromiseAt() != null || incident.signInCount() == 0) {
			// no sign-in to come after: an incident about a directory record is itself
			// the
			// attacker's next step
			return;
		}
		var found = postCompromise(incident);
		if (found.isEmpty()) {
			return;
		}
		var now = clock.instant();
		var raised = raise(incident.severity());
		if (!incidents.markPostCompromise(incident.organizationId(), incident.id(), incident.severity(), raised, now)) {
			return;
		}
		var detail = new LinkedHashMap<String, Object>();
		detail.put("count", found.size());
		detail.put("from", incident.severity().level());
		detail.put("to", raised.level());
		detail.put("found", found.stream().limit(SHOWN).map(AccountActivity::summary).toList());
		incidents.appendTimeline(incident.id(), incident.organizationId(), now, IncidentRecorder.SYSTEM,
				"post-compromise", detail);
	}

	/**
	 * The post-compromise activity in the incident's reach: first sign-in to a window
	 * after the last.
	 */
	List<AccountActivity> postCompromise(Incident incident) {
		return activities
			.of(incident.organizationId(), incident.managedTenantId(), incident.accountId(), incident.firstSeen(),
					incident.lastSeen().plus(incident.window()))
			.stream()
			.filter(AccountActivity::postCompromise)
			.toList();
	}

	static Severity raise(Severity severity) {
		return severity == Severity.CRITICAL ? severity : Severity.values()[severity.ordinal() + 1];
	}

}
