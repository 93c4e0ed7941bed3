package io.vigil.tenants;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.vigil.graph.GraphPermission;
import io.vigil.graph.TenantAccess;
import io.vigil.graph.TenantAccessReport;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What Vigil is granted in each tenant, as last checked: the application permissions in
 * Entra's token and whether the licence lets Graph list sign-ins. Checked when a tenant
 * is connected and again when an admin asks (after granting a permission, say); the
 * operations page says from it which detections and actions can work.
 */
@Service
public class TenantAccessChecks {

	/** A check's result, and when and by whom it was made. */
	public record AccessCheck(TenantAccessReport report, Instant checkedAt, String checkedBy) {
	}

	private final ManagedTenants tenants;

	private final TenantAccess access;

	private final JdbcClient jdbc;

	private final Clock clock;

	TenantAccessChecks(ManagedTenants tenants, TenantAccess access, JdbcClient jdbc, Clock clock) {
		this.tenants = tenants;
		this.access = access;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Asks Entra and Graph now (outside any transaction: no connection waits on Graph)
	 * and keeps the answer.
	 * @return empty when the tenant is not one of the organization's connected tenants
	 */
	public Optional<AccessCheck> checkNow(OrganizationId organization, ManagedTenantId tenant, String actor) {
		return tenants.graphCredentials(organization, tenant).map(credentials -> {
			var report = access.check(credentials);
			record(organization, tenant, report, actor);
			return new AccessCheck(report, clock.instant(), actor);
		});
	}

	public Optional<AccessCheck> latest(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql("""
				select consented, granted, missing, licence, problem, checked_at, checked_by
				from tenant_access_check where organization_id = ? and managed_tenant_id = ?""")
			.params(organization.value(), tenant.value())
			.query((rs,
					row) -> new AccessCheck(new TenantAccessReport(rs.getBoolean("consented"),
							permissions(rs.getArray("granted")), permissions(rs.getArray("missing")),
							TenantAccessReport.Licence.valueOf(rs.getString("licence")), rs.getString("problem")),
							rs.getTimestamp("checked_at").toInstant(), rs.getString("checked_by")))
			.optional();
	}

	void record(OrganizationId organization, ManagedTenantId tenant, TenantAccessReport report, String actor) {
		jdbc.sql(
				"""
						insert into tenant_access_check (managed_tenant_id, organization_id, consented, granted, missing, licence,
						  problem, checked_at, checked_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (managed_tenant_id) do update set consented = excluded.consented, granted = excluded.granted,
						  missing = excluded.missing, licence = excluded.licence, problem = excluded.problem,
						  checked_at = excluded.checked_at, checked_by = excluded.checked_by""")
			.params(tenant.value(), organization.value(), report.consented(), names(report.granted()),
					names(report.missing()), report.licence().name(), report.problem(), Timestamp.from(clock.instant()),
					actor)
			.update();
	}

	private static String[] names(Set<GraphPermission> permissions) {
		return permissions.stream().map(Enum::name).sorted().toArray(String[]::new);
	}

	private static Set<GraphPermission> permissions(Array array) throws SQLException {
		var set = EnumSet.noneOf(GraphPermission.class);
		Arrays.stream((String[]) array.getArray())
			.flatMap(name -> Arrays.stream(GraphPermission.values()).filter(p -> p.name().equals(name)))
			.forEach(set::add);
		return set;
	}

}
