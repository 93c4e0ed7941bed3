package io.vigil.ingest;

import java.time.Instant;
import java.util.List;

import io.vigil.VigilIntegrationTest;
import io.vigil.graph.ActivitySource;
import io.vigil.graph.GraphActivity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storing audits and risk detections on PostgreSQL: a record listed again is stored once
 * and not reported as new; a risk detection listed again with a new state replaces the
 * stored one, still not as new; an audit never changes.
 */
@VigilIntegrationTest
class ActivityStoreTests {

	@Autowired
	ActivityStore store;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRiskDetectionsNewStateReplacesTheOldOneWithoutCountingAsNew() {
		var organization = tenants.createOrganization("Store MSP").id();
		var tenant = new ManagedTenantId(java.util.UUID.randomUUID());
		var atRisk = risk("{\"id\":\"r-1\",\"riskState\":\"atRisk\",\"riskLevel\":\"high\"}", "high");
		assertThat(insert(organization, tenant, ActivitySource.RISK_DETECTIONS, atRisk)).hasSize(1);
		assertThat(insert(organization, tenant, ActivitySource.RISK_DETECTIONS, atRisk)).isEmpty();
		var dismissed = risk("{\"id\":\"r-1\",\"riskState\":\"dismissed\",\"riskLevel\":\"none\"}", "none");
		assertThat(insert(organization, tenant, ActivitySource.RISK_DETECTIONS, dismissed)).isEmpty();
		var stored = jdbc
			.sql("select record->>'riskState', result, count(*) over () from activity_record "
					+ "where managed_tenant_id = ?")
			.param(tenant.value())
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
		assertThat(stored).containsExactly("dismissed", "none", "1");
	}

	@Test
	void anAuditNeverChanges() {
		var organization = tenants.createOrganization("Store MSP 2").id();
		var tenant = new ManagedTenantId(java.util.UUID.randomUUID());
		var first = audit("{\"id\":\"a-1\",\"result\":\"success\"}");
		var tampered = audit("{\"id\":\"a-1\",\"result\":\"failure\"}");
		assertThat(insert(organization, tenant, ActivitySource.DIRECTORY_AUDITS, first)).hasSize(1);
		assertThat(insert(organization, tenant, ActivitySource.DIRECTORY_AUDITS, tampered)).isEmpty();
		assertThat(jdbc.sql("select record->>'result' from activity_record where managed_tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.single()).isEqualTo("success");
	}

	private List<Long> insert(OrganizationId organization, ManagedTenantId tenant, ActivitySource source,
			GraphActivity record) {
		return transactions
			.execute(status -> store.insert(organization, tenant, source, List.of(record), Instant.now()));
	}

	private static GraphActivity risk(String json, String level) {
		return new GraphActivity(ActivitySource.RISK_DETECTIONS, "r-1", Instant.parse("2026-11-30T06:00:00Z"),
				"attackerinTheMiddle", "signin", level, "u-1", null, null, null, List.of("u-1"), json);
	}

	private static GraphActivity audit(String json) {
		return new GraphActivity(ActivitySource.DIRECTORY_AUDITS, "a-1", Instant.parse("2026-11-30T06:00:00Z"),
				"Update user", "UserManagement", "success", "u-1", null, null, null, List.of("u-1"), json);
	}

}
