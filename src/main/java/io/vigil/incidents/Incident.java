package io.vigil.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * An incident as analysts see it.
 *
 * @param checklistState answers and notes per checklist step id
 * @param detectionLatencyMillis from the ingest commit of the first matching sign-in to
 * the incident's commit
 * @param window how long after a matching sign-in another one joins the incident
 * @param postCompromiseAt when Vigil found the account's activity after the suspicious
 * sign-in and raised the severity, or null
 * @param severityBeforePostCompromise the severity before that raise, or null
 */
public record Incident(UUID id, OrganizationId organizationId, ManagedTenantId managedTenantId, String ruleId,
		String ruleTitle, Severity severity, IncidentStatus status, @Nullable String assignee, String dedupKey,
		@Nullable String accountId, @Nullable String accountUpn, @Nullable String accountDisplayName, Instant firstSeen,
		Instant lastSeen, int signInCount, List<ChecklistStep> checklist, Map<String, Object> checklistState,
		long detectionLatencyMillis, Duration window, @Nullable Instant postCompromiseAt,
		@Nullable Severity severityBeforePostCompromise) {
}
