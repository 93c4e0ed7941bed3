package io.vigil.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rule matched a stored sign-in, with what an incident needs: the rule's title,
 * severity, window and checklist, the dedup key the rule's metadata chose, the account,
 * and the evidence (which parts of the rule matched, and what is known about the IP
 * address).
 */
public record SignInMatch(String ruleId, String ruleTitle, Severity severity, Duration window,
		List<ChecklistStep> checklist, String dedupKey, long signInId, String graphId, Instant createdAt,
		@Nullable String accountId, @Nullable String accountUpn, @Nullable String accountDisplayName,
		@Nullable String ipAddress, Map<String, Object> evidence) {

	public SignInMatch {
		checklist = List.copyOf(checklist);
		evidence = Map.copyOf(evidence);
	}

}
