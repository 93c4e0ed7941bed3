package io.vigil.security;

import java.util.Map;

import io.vigil.tenants.GraphAppRegistered;
import io.vigil.tenants.ManagedTenantConnected;
import io.vigil.tenants.ManagedTenantDisconnected;
import io.vigil.tenants.ManagedTenantMoved;
import io.vigil.tenants.TenantConsentFailed;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * App registrations, tenant connections, failed consents and disconnections go to the
 * audit log, once per event however often it is delivered.
 */
@Component
class TenantChangesAudit {

	private final AuditLog audit;

	TenantChangesAudit(AuditLog audit) {
		this.audit = audit;
	}

	@ApplicationModuleListener
	void on(ManagedTenantConnected event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.TENANT_CONNECTED,
				event.entraTenantId(), "success", Map.of("tenant", event.managedTenantId().value().toString()));
	}

	@ApplicationModuleListener
	void on(GraphAppRegistered event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.GRAPH_APP_REGISTERED,
				event.clientId(), "success", Map.of("credential", event.certificate() ? "certificate" : "secret"));
	}

	@ApplicationModuleListener
	void on(TenantConsentFailed event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.TENANT_CONSENT,
				event.entraTenantId(), "failure", Map.of("outcome", event.outcome()));
	}

	@ApplicationModuleListener
	void on(ManagedTenantMoved event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.TENANT_MOVED,
				event.entraTenantId(), "success",
				Map.of("from", event.fromAppRegistration().toString(), "to", event.toAppRegistration().toString()));
	}

	@ApplicationModuleListener
	void on(ManagedTenantDisconnected event) {
		audit.recordOnce(event.eventId(), event.organizationId(), event.actor(), AuditAction.TENANT_DISCONNECTED,
				event.managedTenantId().value().toString(), "success", Map.of("dataDeleted", event.deleteData()));
	}

}
