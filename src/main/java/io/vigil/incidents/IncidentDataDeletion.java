package io.vigil.incidents;

import io.vigil.tenants.ManagedTenantDisconnected;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deletes a disconnected tenant's incidents (evidence and timeline with them) when its
 * admin asked for it.
 */
@Component
class IncidentDataDeletion {

	private final JdbcClient jdbc;

	IncidentDataDeletion(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(ManagedTenantDisconnected event) {
		if (event.deleteData()) {
			jdbc.sql("delete from incident where organization_id = ? and managed_tenant_id = ?")
				.params(event.organizationId().value(), event.managedTenantId().value())
				.update();
		}
	}

}
