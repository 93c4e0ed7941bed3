package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
			    user_principal_name, ip_address, country, city, asn, error_code, latitude, longitude, ingested_at,
			    record_dictionary, record)
			select ?, ?, t.graph_id, t.created_at::timestamptz, t.event_type, t.user_id, t.upn, t.ip::inet, t.country,
			    t.city, t.asn, t.error_code, t.latitude, t.longitude, ?, ?, t.record
			from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			            ?::int[], ?::int[], ?::float8[], ?::float8[], ?::bytea[])
			    as t(graph_id, created_at, event_type, user_id, upn, ip, country, city, asn, error_code, latitude,
			         longitude, record)
			on conflict (managed_tenant_id, graph_id, created_at) do nothing
			returning id, graph_id, created_at, host(ip_address)""";

	private final JdbcClient jdbc;

	private final SignInRecordCodec codec;

	SignInStore(JdbcClient jdbc, SignInRecordCodec codec) {
		this.jdbc = jdbc;
		this.codec = codec;
	}

	/**
	 * Compresses and inserts a page's sign-ins.
	 * @return the sign-ins inserted, as stored; sign-ins already stored are skipped
	 */
	List<RecentSignIns.Recent> insert(OrganizationId organization, ManagedTenantId tenant, List<GraphSignIn> page,
			Instant now) {
		var unique = new LinkedHashMap<String, GraphSignIn>();
		page.forEach(signIn -> unique.putIfAbsent(signIn.graphId(), signIn));
		if (unique.isEmpty()) {
			return List.of();
		}
		var rows = List.copyOf(unique.values());
		var records = new byte[rows.size()][];
		Integer dictionary;
		try (var encoder = codec.encoder(organization)) {
			dictionary = encoder.dictionary();
			for (int i = 0; i < records.length; i++) {
				records[i] = encoder.encode(rows.get(i).record());
			}
		}
		var ids = new java.util.HashMap<String, Long>();
		var times = new java.util.HashMap<String, Instant>();
		var addresses = new java.util.HashMap<String, String>();
		jdbc.sql(INSERT)
			.params(organization.value(), tenant.value(), Timestamp.from(now), dictionary,
					texts(rows, GraphSignIn::graphId), texts(rows, s -> s.createdDateTime().toString()),
					texts(rows, s -> s.eventType().graphName()), texts(rows, GraphSignIn::userId),
					texts(rows, GraphSignIn::userPrincipalName), texts(rows, GraphSignIn::ipAddress),
					texts(rows, GraphSignIn::countryOrRegion), texts(rows, GraphSignIn::city),
					numbers(rows, GraphSignIn::autonomousSystemNumber, Integer[]::new),
					numbers(rows, GraphSignIn::errorCode, Integer[]::new),
					numbers(rows, GraphSignIn::latitude, Double[]::new),
					numbers(rows, GraphSignIn::longitude, Double[]::new), records)
			.query((rs, row) -> {
				times.put(rs.getString(2), rs.getTimestamp(3).toInstant());
				addresses.put(rs.getString(2), rs.getString(4));
				return ids.put(rs.getString(2), rs.getLong(1));
			})
			.list();
		var stored = new ArrayList<RecentSignIns.Recent>(ids.size());
		for (int i = 0; i < records.length; i++) {
			var signIn = rows.get(i);
			var id = ids.get(signIn.graphId());
			if (id != null) {
				stored.add(new RecentSignIns.Recent(organization, tenant, signIn.graphId(),
						facts(id, times.get(signIn.graphId()), addresses.get(signIn.graphId()), signIn), records[i],
						dictionary));
			}
		}
		stored.sort(java.util.Comparator.comparingLong(signIn -> signIn.facts().id()));
		return stored;
	}

	/**
	 * The facts of a sign-in just stored, with its time and address as PostgreSQL keeps
	 * them (time to the microsecond, where Graph sends up to seven digits): what
	 * detection evaluates from memory must equal what later reads return, or a sign-in
	 * would seem to come after itself.
	 */
	private static SignInFacts facts(long id, Instant storedAt, @org.jspecify.annotations.Nullable String address,
			GraphSignIn signIn) {
		return new SignInFacts(id, storedAt, signIn.eventType().graphName(), signIn.userId(),
				signIn.userPrincipalName(), address, signIn.autonomousSystemNumber(), signIn.errorCode(),
				signIn.countryOrRegion());
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

	private static <T> T[] numbers(List<GraphSignIn> rows, java.util.function.Function<GraphSignIn, ? extends T> field,
			java.util.function.IntFunction<T[]> array) {
		var values = array.apply(rows.size());
		for (int i = 0; i < values.length; i++) {
			values[i] = field.apply(rows.get(i));
		}
		return values;
	}

}
