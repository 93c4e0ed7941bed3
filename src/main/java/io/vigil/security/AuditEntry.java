package io.vigil.security;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One line of the audit log. */
public record AuditEntry(Instant at, String actor, String action, @Nullable String target, String outcome,
		Map<String, Object> detail, @Nullable String sourceIp) {
}
