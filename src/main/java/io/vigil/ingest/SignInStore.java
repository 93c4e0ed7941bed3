package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import io.vigil.graph.GraphSignIn;
import io.vigil.graph.MalformedSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Sha256;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes sign-ins in one statement per page: the columns travel as arrays and
 * {@code unnest} turns them into rows, which is far cheaper than a thousand single
 * inserts. {@code ON CONFLICT DO NOTHING} on (tenant, Graph id) drops redelivered events,
 * and {@code RETURNING} yields only the rows that are new.
 */
@Repository
class SignInStore {

	private static final String INSERT = """
			insert into sign_in (organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id,
			    user_principal_name, user_display_name, app_id, app_display_name, ip_address, country, city, asn,
			    user_agent, client_app_used, error_code, failure_reason, conditional_access_status,
			    authentication_requirement, risk_level_aggregated, risk_level_during_sign_in, risk_state, risk_detail,
			    record, ingested_at)
			select ?, ?, t.graph_id, t.created_at::timestamptz, t.event_type, t.user_id, t.upn, t.display_name,
			    t.app_id, t.app_name, t.ip::inet, t.country, t.city, t.asn, t.user_agent, t.client_app, t.error_code,
			    t.failure_reason, t.ca_status, t.auth_requirement, t.risk_aggregated, t.risk_during, t.risk_state,
			    t.risk_detail, t.record::jsonb, ?
			from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			            ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
			            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
			    as t(graph_id, created_at, event_type, user_id, upn, display_name, app_id, app_name, ip, country, city,
			         asn, user_agent, client_app, error_code, failure_reason, ca_status, auth_requirement,
			         risk_aggregated, risk_during, risk_state, risk_detail, record)
			on conflict (managed_tenant_id, graph_id) do nothing
			returning id""";

	private final JdbcClient jdbc;

	SignInStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the ids of the rows inserted; sign-ins already stored are skipped
	 */
	List<Long> insert(OrganizationId organization, ManagedTenantId tenant, List<GraphSignIn> page, Instant now) {
		var unique = new LinkedHashMap<String, GraphSignIn>();
		page.forEach(signIn -> unique.putIfAbsent(signIn.graphId(), signIn));
		if (unique.isEmpty()) {
			return List.of();
		}
		var rows = List.copyOf(unique.values());
		return jdbc.sql(INSERT)
			.params(organization.value(), tenant.value(), Timestamp.from(now), texts(rows, GraphSignIn::graphId),
					texts(rows, s -> s.createdDateTime().toString()), texts(rows, s -> s.eventType().graphName()),
					texts(rows, GraphSignIn::userId), texts(rows, GraphSignIn::userPrincipalName),
					texts(rows, GraphSignIn::userDisplayName), texts(rows, GraphSignIn::appId),
					texts(rows, GraphSignIn::appDisplayName), texts(rows, GraphSignIn::ipAddress),
					texts(rows, GraphSignIn::countryOrRegion), texts(rows, GraphSignIn::city),
					ints(rows, GraphSignIn::autonomousSystemNumber), texts(rows, GraphSignIn::userAgent),
					texts(rows, GraphSignIn::clientAppUsed), ints(rows, GraphSignIn::errorCode),
					texts(rows, GraphSignIn::failureReason), texts(rows, GraphSignIn::conditionalAccessStatus),
					texts(rows, GraphSignIn::authenticationRequirement), texts(rows, GraphSignIn::riskLevelAggregated),
					texts(rows, GraphSignIn::riskLevelDuringSignIn), texts(rows, GraphSignIn::riskState),
					texts(rows, GraphSignIn::riskDetail), texts(rows, GraphSignIn::record))
			.query(Long.class)
			.list();
	}

	/**
	 * Keeps unreadable records with their error; the same record quarantined twice is
	 * stored once.
	 */
	int quarantine(OrganizationId organization, ManagedTenantId tenant, String source, List<MalformedSignIn> records,
			Instant now) {
		int stored = 0;
		for (var record : records) {
			stored += jdbc.sql("""
					insert into sign_in_quarantine (organization_id, managed_tenant_id, graph_id, event_type,
					    raw_record, raw_sha256, error, received_at)
					values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (managed_tenant_id, raw_sha256) do nothing""")
				.params(organization.value(), tenant.value(), record.graphId(), source, record.rawRecord(),
						Sha256.of(record.rawRecord()), record.error(), Timestamp.from(now))
				.update();
		}
		return stored;
	}

	private static String[] texts(List<GraphSignIn> rows, java.util.function.Function<GraphSignIn, String> field) {
		var values = new String[rows.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = field.apply(rows.get(i));
		}
		return values;
	}

	private static Integer[] ints(List<GraphSignIn> rows, java.util.function.Function<GraphSignIn, Integer> field) {
		var values = new Integer[rows.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = field.apply(rows.get(i));
		}
		return values;
	}

}
