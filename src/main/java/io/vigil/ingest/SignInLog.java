package io.vigil.ingest;

import java.util.Optional;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ingest module's query API: what is stored for a tenant and how its ingestion fares. */
@Service
public class SignInLog {

	private final JdbcClient jdbc;

	private final IngestStateRepository state;

	SignInLog(JdbcClient jdbc, IngestStateRepository state) {
		this.jdbc = jdbc;
		this.state = state;
	}

	/** How many sign-ins are stored for the tenant. */
	@Transactional(readOnly = true)
	public long count(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.query(Long.class)
			.single();
	}

	/** How many unreadable records are quarantined for the tenant. */
	@Transactional(readOnly = true)
	public long quarantined(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in_quarantine where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.query(Long.class)
			.single();
	}

	/** Polling state of the tenant; empty when it is not polled. */
	@Transactional(readOnly = true)
	public Optional<IngestHealth> health(OrganizationId organization, ManagedTenantId tenant) {
		return state.health(organization, tenant);
	}

}
