package io.vigil.detection.customization;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PlaceholderRepository {

	private final JdbcClient jdbc;

	PlaceholderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<String, List<String>> values(OrganizationId organization, ManagedTenantId tenant) {
		var result = new HashMap<String, List<String>>();
		jdbc.sql("select name, placeholder_values from detection_placeholder "
				+ "where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.query(rs -> {
				result.put(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()));
			});
		return result;
	}

	void set(OrganizationId organization, ManagedTenantId tenant, String name, List<String> values) {
		jdbc.sql("""
				insert into detection_placeholder (organization_id, managed_tenant_id, name, placeholder_values)
				values (?, ?, ?, ?) on conflict (managed_tenant_id, name)
				do update set placeholder_values = excluded.placeholder_values
				where detection_placeholder.organization_id = excluded.organization_id""")
			.params(organization.value(), tenant.value(), name, values.toArray(String[]::new))
			.update();
	}

	void remove(OrganizationId organization, ManagedTenantId tenant, String name) {
		jdbc.sql("delete from detection_placeholder where organization_id = ? and managed_tenant_id = ? and name = ?")
			.params(organization.value(), tenant.value(), name)
			.update();
	}

}
