package io.vigil.incidents;

import java.time.Clock;
import java.util.List;

import io.vigil.detection.AccountActivities;
import io.vigil.detection.AccountActivity;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident account's directory audits and risk detections from the first suspicious
 * sign-in on, for the incident page: what the attacker did next is marked, and fills the
 * checklist's investigation step.
 */
@Service
public class AccountTrail {

	private final AccountActivities activities;

	private final Clock clock;

	AccountTrail(AccountActivities activities, Clock clock) {
		this.activities = activities;
		this.clock = clock;
	}

	/**
	 * Oldest first, at most {@link AccountActivities#LIMIT}; empty for an incident
	 * without an account. The caller has found the incident in its organization already.
	 */
	@Transactional(readOnly = true)
	public List<Entry> of(Incident incident) {
		if (incident.accountId() == null) {
			return List.of();
		}
		var reach = incident.lastSeen().plus(incident.window());
		var now = clock.instant();
		return activities
			.of(incident.organizationId(), incident.managedTenantId(), incident.accountId(), incident.firstSeen(),
					now.isAfter(reach) ? now : reach)
			.stream()
			.map(activity -> new Entry(activity,
					incident.signInCount() > 0 && activity.postCompromise() && !activity.occurredAt().isAfter(reach)))
			.toList();
	}

	/**
	 * @param marked post-compromise activity within the incident's reach (first
	 * suspicious sign-in to a window after the last); nothing is marked for an incident
	 * without sign-ins (one about a directory record)
	 */
	public record Entry(AccountActivity activity, boolean marked) {
	}

}
