package io.vigil.incidents;

import java.util.Set;

import io.vigil.detection.Severity;
import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;

/**
 * What the queue shows: every field optional. {@code visibleTenants} limits to the
 * tenants a person may see (null: all of the organization's); {@code text} matches the
 * account (UPN or name, case-insensitive) or an IP address of the evidence.
 */
public record IncidentFilter(@Nullable Set<ManagedTenantId> visibleTenants, @Nullable ManagedTenantId tenant,
		@Nullable String ruleId, @Nullable Severity severity, Set<IncidentStatus> statuses, @Nullable String assignee,
		@Nullable String text) {

	public IncidentFilter {
		statuses = Set.copyOf(statuses);
	}

}
