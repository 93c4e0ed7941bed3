package io.vigil.tenants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to organizations, app registrations and managed tenants. Every tenant query
 * takes the organization.
 */
@Repository
class TenantRepository {

	private static final String TENANT_COLUMNS = """
			id, organization_id, entra_tenant_id, display_name, app_registration_id, status, status_reason,
			status_changed_at""";

	private final JdbcClient jdbc;

	TenantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertOrganization(Organization organization, Instant now) {
		jdbc.sql("insert into organization (id, name, created_at) values (?, ?, ?)")
			.params(organization.id().value(), organization.name(), Timestamp.from(now))
			.update();
	}

	List<OrganizationId> organizationIds() {
		return jdbc.sql("select id from organization order by id")
			.query((rs, row) -> new OrganizationId(rs.getObject(1, UUID.class)))
			.list();
	}

	Optional<Organization> findOrganizationByName(String name) {
		return jdbc.sql("select id, name from organization where name = ? order by created_at limit 1")
			.param(name)
			.query((rs, row) -> new Organization(new OrganizationId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.optional();
	}

	void insertAppRegistration(UUID id, OrganizationId organization, String clientId, byte[] ciphertext, Instant now) {
		insertAppRegistration(id, organization, clientId, ciphertext, false, now);
	}

	void insertAppRegistration(UUID id, OrganizationId organization, String clientId, byte[] ciphertext,
			boolean certificate, Instant now) {
		jdbc.sql("""
				insert into graph_app_registration (id, organization_id, client_id, client_secret_ciphertext,
				  credential_type, created_at) values (?, ?, ?, ?, ?, ?)""")
			.params(id, organization.value(), clientId, ciphertext, certificate ? "CERTIFICATE" : "SECRET",
					Timestamp.from(now))
			.update();
	}

	Optional<StoredAppRegistration> findAppRegistration(OrganizationId organization, UUID id) {
		return jdbc.sql("""
				select client_id, client_secret_ciphertext, credential_type from graph_app_registration
				where organization_id = ? and id = ?""")
			.params(organization.value(), id)
			.query((rs, row) -> new StoredAppRegistration(rs.getString(1), rs.getBytes(2),
					"CERTIFICATE".equals(rs.getString(3))))
			.optional();
	}

	Optional<UUID> findAppRegistrationId(OrganizationId organization, String clientId) {
		return jdbc.sql("select id from graph_app_registration where organization_id = ? and client_id = ?")
			.params(organization.value(), clientId)
			.query(UUID.class)
			.optional();
	}

	void insertTenant(ManagedTenant tenant, Instant now) {
		jdbc.sql("""
				insert into managed_tenant (id, organization_id, entra_tenant_id, display_name, app_registration_id,
				    status, status_reason, status_changed_at, connected_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenant.id().value(), tenant.organizationId().value(), tenant.entraTenantId(), tenant.displayName(),
					tenant.appRegistrationId(), tenant.status().name(), tenant.statusReason(),
					Timestamp.from(tenant.statusChangedAt()), Timestamp.from(now))
			.update();
	}

	Optional<ManagedTenant> findTenant(OrganizationId organization, ManagedTenantId id) {
		return jdbc.sql("select " + TENANT_COLUMNS + " from managed_tenant where organization_id = ? and id = ?")
			.params(organization.value(), id.value())
			.query(TenantRepository::tenant)
			.optional();
	}

	Optional<ManagedTenant> findTenantByEntraId(OrganizationId organization, String entraTenantId) {
		return jdbc
			.sql("select " + TENANT_COLUMNS + " from managed_tenant where organization_id = ? and entra_tenant_id = ?")
			.params(organization.value(), entraTenantId)
			.query(TenantRepository::tenant)
			.optional();
	}

	List<ManagedTenant> findTenants(OrganizationId organization) {
		return jdbc
			.sql("select " + TENANT_COLUMNS + " from managed_tenant where organization_id = ? order by display_name")
			.param(organization.value())
			.query(TenantRepository::tenant)
			.list();
	}

	/**
	 * Changes the status only when it differs, so the change time says when it last
	 * really changed.
	 */
	boolean updateStatus(OrganizationId organization, ManagedTenantId id, TenantStatus status, @Nullable String reason,
			Instant now) {
		return jdbc.sql("""
				update managed_tenant set status = ?, status_reason = ?, status_changed_at = ?
				where organization_id = ? and id = ?
				  and (status <> ? or status_reason is distinct from ?)""")
			.params(status.name(), reason, Timestamp.from(now), organization.value(), id.value(), status.name(), reason)
			.update() > 0;
	}

	/**
	 * Reads the tenant with another of the organization's app registrations from now on.
	 */
	boolean moveToApp(OrganizationId organization, ManagedTenantId id, UUID appRegistration) {
		return jdbc.sql("""
				update managed_tenant set app_registration_id = ?
				where organization_id = ? and id = ? and app_registration_id <> ?
				  and exists (select 1 from graph_app_registration where id = ? and organization_id = ?)""")
			.params(appRegistration, organization.value(), id.value(), appRegistration, appRegistration,
					organization.value())
			.update() > 0;
	}

	private static ManagedTenant tenant(ResultSet rs, int row) throws SQLException {
		return new ManagedTenant(new ManagedTenantId(rs.getObject("id", UUID.class)),
				new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("entra_tenant_id"),
				rs.getString("display_name"), rs.getObject("app_registration_id", UUID.class),
				TenantStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
				rs.getTimestamp("status_changed_at").toInstant());
	}

	List<GraphApp> findAppRegistrations(OrganizationId organization) {
		return jdbc
			.sql("select id, client_id from graph_app_registration where organization_id = ? order by created_at")
			.param(organization.value())
			.query((rs, row) -> new GraphApp(rs.getObject("id", UUID.class), rs.getString("client_id")))
			.list();
	}

	record StoredAppRegistration(String clientId, byte[] secretCiphertext, boolean certificate) {
	}

	void updateAppSecret(OrganizationId organization, UUID id, byte[] ciphertext) {
		jdbc.sql("update graph_app_registration set client_secret_ciphertext = ?, credential_type = 'SECRET' "
				+ "where organization_id = ? and id = ?")
			.params(ciphertext, organization.value(), id)
			.update();
	}

}
