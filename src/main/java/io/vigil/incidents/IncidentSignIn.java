package io.vigil.incidents;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A sign-in that is evidence of an incident, with what was found about it. */
public record IncidentSignIn(long signInId, String graphId, Instant createdAt, @Nullable String ipAddress,
		Map<String, Object> evidence, long detectionLatencyMillis) {
}
