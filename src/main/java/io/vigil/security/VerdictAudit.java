package io.vigil.security;

import java.util.Map;

import io.vigil.incidents.VerdictGiven;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Customers' verdicts and analysts' decisions on them go to the audit log in the
 * transaction of the change (a synchronous listener: the verdict and its audit entry
 * commit together or not at all).
 */
@Component
class VerdictAudit {

	private final AuditLog audit;

	VerdictAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void on(VerdictGiven verdict) {
		audit.record(verdict.organizationId(), verdict.actor(), AuditAction.INCIDENT_VERDICT,
				verdict.incidentId().toString(), "success", Map.of("verdict", verdict.verdict(), "reason",
						verdict.reason(), "from", verdict.from().name(), "to", verdict.to().name()));
	}

}
