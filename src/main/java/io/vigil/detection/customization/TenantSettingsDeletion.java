package io.vigil.detection.customization;

import io.vigil.tenants.ManagedTenantDisconnected;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deletes a disconnected tenant's detection settings (placeholder values, rules switched
 * off) when its admin asked for it.
 */
@Component
class TenantSettingsDeletion {

	private final JdbcClient jdbc;

	TenantSettingsDeletion(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(ManagedTenantDisconnected event) {
		if (event.deleteData()) {
			jdbc.sql("delete from detection_placeholder where organization_id = ? and managed_tenant_id = ?")
				.params(event.organizationId().value(), event.managedTenantId().value())
				.update();
			jdbc.sql("delete from detection_rule_setting where organization_id = ? and managed_tenant_id = ?")
				.params(event.organizationId().value(), event.managedTenantId().value())
				.update();
		}
	}

}
