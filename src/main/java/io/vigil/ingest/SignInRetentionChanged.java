package io.vigil.ingest;

import java.util.UUID;

import io.vigil.shared.OrganizationId;

/**
 * An organization admin changed how long the organization's sign-ins are kept.
 *
 * @param eventId makes the audit entry once-only, however often the event is delivered
 */
public record SignInRetentionChanged(UUID eventId, OrganizationId organizationId, String actor, int fromDays,
		int toDays) {
}
