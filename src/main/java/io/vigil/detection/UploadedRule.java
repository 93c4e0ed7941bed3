package io.vigil.detection;

import java.time.Instant;
import java.util.UUID;

/**
 * A Sigma rule an organization uploaded. It runs for the organization's tenants once
 * enabled; until then it is a draft whose retro-hunt preview can be looked at.
 */
public record UploadedRule(UUID id, String ruleId, String title, String yaml, boolean enabled, String uploadedBy,
		Instant uploadedAt) {
}
