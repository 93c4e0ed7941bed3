package io.vigil.security;

import java.util.Map;

import io.vigil.ingest.SignInRetentionChanged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A changed retention decides what evidence an organization will still have: it goes to
 * the audit log, once per change however often the event is delivered.
 */
@Component
class RetentionChangesAudit {

	private final AuditLog audit;

	RetentionChangesAudit(AuditLog audit) {
		this.audit = audit;
	}

	@ApplicationModuleListener
	void on(SignInRetentionChanged event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.RETENTION_CHANGED,
				"sign-ins", "success", Map.of("fromDays", event.fromDays(), "toDays", event.toDays()));
	}

}
