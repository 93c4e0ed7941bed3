package io.vigil;

import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows written straight into the database, for tests about what the database keeps, drops
 * and shows (retention, row-level security) rather than how the rows are made.
 */
public final class TestRows {

	private TestRows() {
	}

	/** A new RULE-1143 incident that cites one stored sign-in as its evidence. */
	public static UUID incidentCiting(JdbcClient jdbc, OrganizationId organization, ManagedTenantId tenant,
			long signIn) {
		var incident = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
						  dedup_key, first_seen, last_seen, window_seconds, checklist, detection_latency_ms, created_at, updated_at)
						values (?, ?, ?, 'RULE-1143', 'r', 'HIGH', 'NEW', 'account=x', now(), now(), 86400, '[]', 1, now(), now())""")
			.params(incident, organization.value(), tenant.value())
			.update();
		jdbc.sql("""
				insert into incident_sign_in (incident_id, organization_id, managed_tenant_id, rule_id, sign_in_id,
				  graph_id, created_at, evidence, detection_latency_ms, added_at)
				values (?, ?, ?, 'RULE-1143', ?, 'g', now(), '{}', 1, now())""")
			.params(incident, organization.value(), tenant.value(), signIn)
			.update();
		return incident;
	}

}
