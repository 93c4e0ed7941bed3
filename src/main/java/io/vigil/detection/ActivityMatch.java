package io.vigil.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rule matched a stored directory audit or risk detection, with what an incident needs
 * (as {@link SignInMatch} for sign-ins).
 *
 * @param accountId the account the incident is about: the acting user, else the first
 * targeted user
 * @param evidence which parts of the rule matched, and the record in one line
 */
public record ActivityMatch(String ruleId, String ruleTitle, Severity severity, Duration window,
		List<ChecklistStep> checklist, String dedupKey, long recordId, String graphId, Instant occurredAt,
		@Nullable String accountId, @Nullable String accountUpn, @Nullable String ipAddress,
		Map<String, Object> evidence) {

	public ActivityMatch {
		checklist = List.copyOf(checklist);
		evidence = Map.copyOf(evidence);
	}

}
