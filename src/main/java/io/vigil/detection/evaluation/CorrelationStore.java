package io.vigil.detection.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.vigil.detection.sigma.CorrelationWindows;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The correlated rules' matches, by correlation and group (V38). */
@Repository
class CorrelationStore {

	private final JdbcClient jdbc;

	CorrelationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Holds the group until the transaction ends, so two replicas adding to one group
	 * count one after the other, each seeing what the other stored.
	 */
	void lock(ManagedTenantId tenant, String correlationId, String groupKey) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 1))")
			.param("correlation/" + tenant.value() + "/" + correlationId + "/" + groupKey)
			.query((rs, row) -> 1)
			.single();
	}

	void add(OrganizationId organization, ManagedTenantId tenant, String correlationId, String ruleId, String groupKey,
			@Nullable String value, long signInId, Instant at) {
		jdbc.sql("""
				insert into correlation_match (organization_id, managed_tenant_id, correlation_id, rule_id, group_key,
				  value, sign_in_id, at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(organization.value(), tenant.value(), correlationId, ruleId, groupKey, value, signInId,
					Timestamp.from(at))
			.update();
	}

	/** The group's matches in {@code [from, to]}, at most {@code limit}, oldest first. */
	List<CorrelationWindows.Match> group(ManagedTenantId tenant, String correlationId, String groupKey, Instant from,
			Instant to, int limit) {
		return jdbc.sql("""
				select sign_in_id, at, rule_id, value from correlation_match
				where managed_tenant_id = ? and correlation_id = ? and group_key = ? and at between ? and ?
				order by at, sign_in_id limit ?""")
			.params(tenant.value(), correlationId, groupKey, Timestamp.from(from), Timestamp.from(to), limit)
			.query((rs, row) -> new CorrelationWindows.Match(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					rs.getString(3), rs.getString(4)))
			.list();
	}

}
