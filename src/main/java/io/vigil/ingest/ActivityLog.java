package io.vigil.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.vigil.graph.ActivitySource;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingest module's query API for directory audits and risk detections: by id (for
 * detection) and by account and time (for an incident's post-compromise view).
 */
@Service
public class ActivityLog {

	private static final String COLUMNS = """
			id, organization_id, managed_tenant_id, source, graph_id, occurred_at, activity, category, result,
			actor_user_id, actor_upn, actor_app, host(ip_address) as ip_address, account_ids, record::text as record""";

	private final JdbcClient jdbc;

	private final IngestStateRepository state;

	ActivityLog(JdbcClient jdbc, IngestStateRepository state) {
		this.jdbc = jdbc;
		this.state = state;
	}

	/** The stored records with these row ids, of this organization only. */
	@Transactional(readOnly = true)
	public List<StoredActivity> records(OrganizationId organization, List<Long> ids) {
		return jdbc
			.sql("select " + COLUMNS + " from activity_record where organization_id = ? and id = any(?) order by id")
			.params(organization.value(), ids.toArray(Long[]::new))
			.query(ActivityLog::stored)
			.list();
	}

	/**
	 * What the account did or had done to it in {@code [from, to]}, oldest first, at most
	 * {@code limit} records.
	 */
	@Transactional(readOnly = true)
	public List<StoredActivity> forAccount(OrganizationId organization, ManagedTenantId tenant, String accountId,
			Instant from, Instant to, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from activity_record
				where organization_id = ? and managed_tenant_id = ? and account_ids @> array[?]::text[]
				  and occurred_at between ? and ?
				order by occurred_at, id limit ?""")
			.params(organization.value(), tenant.value(), accountId, Timestamp.from(from), Timestamp.from(to), limit)
			.query(ActivityLog::stored)
			.list();
	}

	/** How many records of a source are stored for the tenant. */
	@Transactional(readOnly = true)
	public long count(OrganizationId organization, ManagedTenantId tenant, ActivitySource source) {
		return jdbc.sql(
				"select count(*) from activity_record where organization_id = ? and managed_tenant_id = ? and source = ?")
			.params(organization.value(), tenant.value(), source.key())
			.query(Long.class)
			.single();
	}

	/**
	 * The sources each tenant of the organization refuses now (no licence or permission
	 * for them), with Graph's reason; the tenants' other sources keep flowing.
	 */
	@Transactional(readOnly = true)
	public List<RefusedSource> refusedSources(OrganizationId organization, Instant now) {
		return state.refusedSources(organization, now)
			.stream()
			.map(refused -> new RefusedSource(refused.managedTenantId(), ActivitySource.fromKey(refused.source()),
					refused.until(), refused.reason()))
			.toList();
	}

	private static StoredActivity stored(ResultSet rs, int row) throws SQLException {
		var accounts = rs.getArray("account_ids");
		return new StoredActivity(rs.getLong("id"), new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new ManagedTenantId(rs.getObject("managed_tenant_id", UUID.class)), rs.getString("source"),
				rs.getString("graph_id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("activity"),
				rs.getString("category"), rs.getString("result"), rs.getString("actor_user_id"),
				rs.getString("actor_upn"), rs.getString("actor_app"), rs.getString("ip_address"),
				accounts == null ? List.of() : Arrays.asList((String[]) accounts.getArray()), rs.getString("record"));
	}

	/**
	 * A source the tenant refuses until {@code until}.
	 */
	public record RefusedSource(ManagedTenantId managedTenantId, ActivitySource source, Instant until, String reason) {
	}

}
