package io.vigil.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vigil.detection.RuleChanged;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Which rules run decides what Vigil can see: every switch and upload goes to the audit
 * log, once per change however often the event is delivered.
 */
@Component
class RuleChangesAudit {

	private final AuditLog audit;

	private final ManagedTenants tenants;

	RuleChangesAudit(AuditLog audit, ManagedTenants tenants) {
		this.audit = audit;
		this.tenants = tenants;
	}

	@ApplicationModuleListener
	void on(RuleChanged change) {
		audit.recordOnce(change.eventId(), change.organizationId(), change.actor(), action(change), change.ruleId(),
				"success", detail(change));
	}

	private static AuditAction action(RuleChanged change) {
		return switch (change) {
			case RuleChanged.Switched switched ->
				switched.enabled() ? AuditAction.RULE_ENABLED : AuditAction.RULE_DISABLED;
			case RuleChanged.Uploaded uploaded -> AuditAction.RULE_UPLOADED;
			case RuleChanged.UploadEnabled enabled -> AuditAction.RULE_UPLOAD_ENABLED;
			case RuleChanged.UploadDiscarded discarded -> AuditAction.RULE_UPLOAD_DISCARDED;
		};
	}

	private Map<String, Object> detail(RuleChanged change) {
		return switch (change) {
			case RuleChanged.Switched switched -> {
				var detail = new LinkedHashMap<String, Object>();
				detail.put("tenant", switched.managedTenantId().value().toString());
				tenants.find(switched.organizationId(), switched.managedTenantId())
					.map(ManagedTenant::displayName)
					.ifPresent(name -> detail.put("tenantName", name));
				if (switched.reason() != null) {
					detail.put("reason", switched.reason());
				}
				yield detail;
			}
			case RuleChanged.Uploaded uploaded -> Map.of("title", uploaded.title());
			case RuleChanged.UploadEnabled enabled -> Map.of("title", enabled.title());
			case RuleChanged.UploadDiscarded discarded -> Map.of("title", discarded.title());
		};
	}

}
