package io.vigil.security;

import java.util.Map;

import io.vigil.tenants.ManagedTenantConnected;
import io.vigil.tenants.ManagedTenantDisconnected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tenant connections and disconnections go to the audit log, once per event however often
 * it is delivered.
 */
@Component
class TenantChangesAudit {

	private final AuditLog audit;

	TenantChangesAudit(AuditLog audit) {
		this.audit = audit;
	}

	@ApplicationModuleListener
	void on(ManagedTenantConnected event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), "tenant.connected",
				event.entraTenantId(), "success", Map.of("tenant", event.managedTenantId().value().toString()));
	}

	@ApplicationModuleListener
	void on(ManagedTenantDisconnected event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), "tenant.disconnected",
				event.managedTenantId().value().toString(), "success", Map.of("dataDeleted", event.deleteData()));
	}

}
