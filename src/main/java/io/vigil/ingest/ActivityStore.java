package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

import io.vigil.graph.ActivitySource;
import io.vigil.graph.GraphActivity;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes directory audits and risk detections a page at a time, like {@link SignInStore}:
 * {@code ON CONFLICT DO NOTHING} on (tenant, source, Graph id) drops redelivered records
 * and {@code RETURNING} yields only the new rows. A risk detection listed again with a
 * new state (Identity Protection dismisses or remediates it, raises its level) replaces
 * the stored record, without counting as new: its id was published when it arrived. The
 * accounts travel as one comma-joined text per record (ids are GUIDs, which hold no
 * comma).
 */
@Repository
class ActivityStore {

	private static final String INSERT = """
			insert into activity_record (organization_id, managed_tenant_id, source, graph_id, occurred_at, activity,
			    category, result, actor_user_id, actor_upn, actor_app, ip_address, account_ids, record, ingested_at)
			select ?, ?, ?, t.graph_id, t.occurred_at::timestamptz, t.activity, t.category, t.result, t.actor_user_id,
			    t.actor_upn, t.actor_app, t.ip::inet, string_to_array(t.accounts, ','), t.record::jsonb, ?
			from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			            ?::text[], ?::text[], ?::text[])
			    as t(graph_id, occurred_at, activity, category, result, actor_user_id, actor_upn, actor_app, ip, accounts,
			         record)
			on conflict (managed_tenant_id, source, graph_id) do update
			    set record = excluded.record, result = excluded.result
			    where activity_record.source = 'riskDetection' and activity_record.record is distinct from excluded.record
			returning id, xmax = 0 as inserted""";

	private final JdbcClient jdbc;

	ActivityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the ids of the rows inserted; records already stored are skipped
	 */
	List<Long> insert(OrganizationId organization, ManagedTenantId tenant, ActivitySource source,
			List<GraphActivity> page, Instant now) {
		var unique = new LinkedHashMap<String, GraphActivity>();
		page.forEach(record -> unique.putIfAbsent(record.graphId(), record));
		if (unique.isEmpty()) {
			return List.of();
		}
		var rows = List.copyOf(unique.values());
		return jdbc.sql(INSERT)
			.params(organization.value(), tenant.value(), source.key(), Timestamp.from(now),
					texts(rows, GraphActivity::graphId), texts(rows, r -> r.occurredAt().toString()),
					texts(rows, GraphActivity::activity), texts(rows, GraphActivity::category),
					texts(rows, GraphActivity::result), texts(rows, GraphActivity::actorUserId),
					texts(rows, GraphActivity::actorUpn), texts(rows, GraphActivity::actorApp),
					texts(rows, GraphActivity::ipAddress), texts(rows, r -> accounts(r.accountIds())),
					texts(rows, GraphActivity::record))
			.query((rs, row) -> rs.getBoolean("inserted") ? rs.getLong("id") : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	/** Ids Graph gives are GUIDs; anything with a comma cannot be one and is left out. */
	private static String accounts(List<String> ids) {
		return String.join(",", ids.stream().filter(id -> !id.contains(",")).toList());
	}

	private static String[] texts(List<GraphActivity> rows, Function<GraphActivity, String> field) {
		var values = new String[rows.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = field.apply(rows.get(i));
		}
		return values;
	}

}
