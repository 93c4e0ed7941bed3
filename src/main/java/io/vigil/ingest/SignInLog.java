package io.vigil.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.StageLag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingest module's query API: what is stored for a tenant and how its ingestion fares.
 */
@Service
public class SignInLog {

	private final JdbcClient jdbc;

	private final IngestStateRepository state;

	private final SignInRecordCodec codec;

	private final RecentSignIns recent;

	SignInLog(JdbcClient jdbc, IngestStateRepository state, SignInRecordCodec codec, RecentSignIns recent) {
		this.jdbc = jdbc;
		this.state = state;
		this.codec = codec;
		this.recent = recent;
	}

	/** How many sign-ins are stored for the tenant. */
	@Transactional(readOnly = true)
	public long count(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.query(Long.class)
			.single();
	}

	/**
	 * The first stage's lag for sign-ins that happened since {@code since}: from the
	 * sign-in (its {@code createdDateTime}) to its commit in Vigil. Graph's own delay in
	 * publishing the log is part of it, and usually most of it. Sign-ins from before
	 * polling of the tenant began are its backfill, not lag, and do not count.
	 */
	@Transactional(readOnly = true)
	public StageLag ingestLag(OrganizationId organization, ManagedTenantId tenant, Instant since) {
		return jdbc.sql("select " + StageLag.select("extract(epoch from ingested_at - created_at) * 1000") + " "
				+ """
						from sign_in where organization_id = ? and managed_tenant_id = ? and created_at >= greatest(?,
						  (select tracked_since from ingest_tenant_state where managed_tenant_id = sign_in.managed_tenant_id))""")
			.params(organization.value(), tenant.value(), java.sql.Timestamp.from(since))
			.query(StageLag::read)
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

	/**
	 * The stored sign-ins with these row ids, of this organization only (ids of others
	 * are not returned), by id, including sign-ins past retention that an incident cites.
	 * Read from the database, so a signed-in person's row-level scope applies.
	 */
	@Transactional(readOnly = true)
	public List<StoredSignIn> records(OrganizationId organization, List<Long> ids) {
		return recordsWith(organization, ids, Map.of());
	}

	/**
	 * As {@link #records}, for the ids a {@link SignInsIngested} event names (Vigil's own
	 * listeners): those this replica stored in the last minutes come from memory, the
	 * rest (a page delivered again after a restart, or stored by another replica) from
	 * the database.
	 */
	@Transactional(readOnly = true)
	public List<StoredSignIn> ingestedRecords(OrganizationId organization, List<Long> ids) {
		var records = recordsWith(organization, ids, recent.find(organization, ids));
		// only this organization's: the ids come from its event, but the check is cheap
		var trees = recent.takeTrees(records.stream().map(StoredSignIn::id).toList());
		if (trees.isEmpty()) {
			return records;
		}
		var withTrees = new ArrayList<StoredSignIn>(records.size());
		for (var signIn : records) {
			var tree = trees.get(signIn.id());
			withTrees.add(tree == null ? signIn : signIn.withFields(tree));
		}
		return withTrees;
	}

	/** The sign-ins found in memory, and the others from the database. */
	private List<StoredSignIn> recordsWith(OrganizationId organization, List<Long> ids,
			Map<Long, RecentSignIns.Recent> found) {
		var result = new ArrayList<StoredSignIn>(ids.size());
		found.values()
			.forEach(signIn -> result.add(new StoredSignIn(signIn.facts().id(), signIn.organizationId(),
					signIn.managedTenantId(), signIn.graphId(), signIn.createdAt(),
					() -> codec.decode(signIn.record(), signIn.dictionary()), null)));
		var missing = RecentSignIns.missing(ids, found);
		if (!missing.isEmpty()) {
			result.addAll(jdbc.sql("""
					select id, organization_id, managed_tenant_id, graph_id, created_at, record, record_dictionary
					from sign_in where organization_id = ? and id = any(?)
					union all
					select id, organization_id, managed_tenant_id, graph_id, created_at, record, record_dictionary
					from sign_in_kept where organization_id = ? and id = any(?)""")
				.params(organization.value(), missing.toArray(Long[]::new), organization.value(),
						missing.toArray(Long[]::new))
				.query(this::stored)
				.list());
		}
		result.sort(java.util.Comparator.comparingLong(StoredSignIn::id));
		return dedup(result, StoredSignIn::id);
	}

	/**
	 * Who signed in, from where and whether it worked, for the sign-ins with these row
	 * ids (of this organization), by id; from the database.
	 */
	@Transactional(readOnly = true)
	public List<SignInFacts> facts(OrganizationId organization, List<Long> ids) {
		return factsWith(organization, ids, Map.of());
	}

	/**
	 * As {@link #facts}, for the ids a {@link SignInsIngested} event names: from memory
	 * where this replica just stored them.
	 */
	@Transactional(readOnly = true)
	public List<SignInFacts> ingestedFacts(OrganizationId organization, List<Long> ids) {
		return factsWith(organization, ids, recent.find(organization, ids));
	}

	private List<SignInFacts> factsWith(OrganizationId organization, List<Long> ids,
			Map<Long, RecentSignIns.Recent> found) {
		var result = new ArrayList<SignInFacts>(ids.size());
		found.values().forEach(signIn -> result.add(signIn.facts()));
		var missing = RecentSignIns.missing(ids, found);
		if (!missing.isEmpty()) {
			result.addAll(jdbc.sql("""
					select id, created_at, event_type, user_id, user_principal_name, host(ip_address) as ip, asn,
					       error_code, country from sign_in where organization_id = ? and id = any(?)
					union all
					select id, created_at, event_type, user_id, user_principal_name, host(ip_address) as ip, asn,
					       error_code, country from sign_in_kept where organization_id = ? and id = any(?)""")
				.params(organization.value(), missing.toArray(Long[]::new), organization.value(),
						missing.toArray(Long[]::new))
				.query((rs, row) -> new SignInFacts(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
						rs.getString("event_type"), rs.getString("user_id"), rs.getString("user_principal_name"),
						rs.getString("ip"), (Integer) rs.getObject("asn"), (Integer) rs.getObject("error_code"),
						rs.getString("country")))
				.list());
		}
		result.sort(java.util.Comparator.comparingLong(SignInFacts::id));
		return dedup(result, SignInFacts::id);
	}

	/**
	 * A sign-in copied to sign_in_kept while its day is being dropped is briefly in both.
	 */
	private static <T> List<T> dedup(List<T> sorted, java.util.function.ToLongFunction<T> id) {
		var unique = new ArrayList<T>(sorted.size());
		long last = Long.MIN_VALUE;
		for (var item : sorted) {
			if (unique.isEmpty() || id.applyAsLong(item) != last) {
				unique.add(item);
			}
			last = id.applyAsLong(item);
		}
		return unique;
	}

	/**
	 * Streams a tenant's stored sign-ins created in {@code [from, to)}, oldest first,
	 * without holding them all in memory (a retro-hunt over months of sign-ins).
	 */
	@Transactional(readOnly = true)
	public void forEach(OrganizationId organization, ManagedTenantId tenant, Instant from, Instant to,
			Consumer<StoredSignIn> consumer) {
		try (var rows = jdbc.sql("""
				select id, organization_id, managed_tenant_id, graph_id, created_at, record, record_dictionary
				from sign_in where organization_id = ? and managed_tenant_id = ? and created_at >= ? and created_at < ?
				order by created_at, id""")
			.params(organization.value(), tenant.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.withFetchSize(500)
			.query(this::stored)
			.stream()) {
			rows.forEach(consumer);
		}
	}

	/**
	 * Who else signed in from {@code address} since {@code since}: other accounts of the
	 * tenant, and accounts and tenants elsewhere in the organization.
	 */
	@Transactional(readOnly = true)
	public AddressActivity activityFrom(OrganizationId organization, ManagedTenantId tenant, String account,
			String address, Instant since) {
		return jdbc.sql("""
				select count(distinct coalesce(user_id, user_principal_name))
				         filter (where managed_tenant_id = ? and coalesce(user_id, user_principal_name) <> ?),
				       count(distinct (managed_tenant_id, coalesce(user_id, user_principal_name)))
				         filter (where managed_tenant_id <> ?),
				       count(distinct managed_tenant_id) filter (where managed_tenant_id <> ?)
				from sign_in
				where organization_id = ? and ip_address = ?::inet and created_at >= ?""")
			.params(tenant.value(), account, tenant.value(), tenant.value(), organization.value(), address,
					java.sql.Timestamp.from(since))
			.query((rs, row) -> new AddressActivity(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * How many distinct accounts of the tenant failed with one of {@code errorCodes} from
	 * each of these addresses in {@code [from, to]}; addresses without failures are left
	 * out. Only password failures are indexed for this (wrong password 50126, smart
	 * lockout 50053, no such user 50034): other codes count nothing.
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> failedAccountsByAddress(OrganizationId organization, ManagedTenantId tenant,
			Collection<String> addresses, Collection<Integer> errorCodes, Instant from, Instant to) {
		if (addresses.isEmpty()) {
			return Map.of();
		}
		var result = new HashMap<String, Long>();
		jdbc.sql("""
				select host(ip_address), count(distinct coalesce(user_id, user_principal_name)) from sign_in
				where organization_id = ? and managed_tenant_id = ? and ip_address = any(?::inet[])
				  and error_code in (50126, 50053, 50034) and error_code = any(?) and created_at between ? and ?
				group by ip_address""")
			.params(organization.value(), tenant.value(), addresses.toArray(String[]::new),
					errorCodes.toArray(Integer[]::new), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, row) -> result.put(rs.getString(1), rs.getLong(2)))
			.list();
		return result;
	}

	/** As {@link #failedAccountsByAddress}, per autonomous system. */
	@Transactional(readOnly = true)
	public Map<Integer, Long> failedAccountsByNetwork(OrganizationId organization, ManagedTenantId tenant,
			Collection<Integer> networks, Collection<Integer> errorCodes, Instant from, Instant to) {
		if (networks.isEmpty()) {
			return Map.of();
		}
		var result = new HashMap<Integer, Long>();
		jdbc.sql("""
				select asn, count(distinct coalesce(user_id, user_principal_name)) from sign_in
				where organization_id = ? and managed_tenant_id = ? and asn = any(?)
				  and error_code in (50126, 50053, 50034) and error_code = any(?) and created_at between ? and ?
				group by asn""")
			.params(organization.value(), tenant.value(), networks.toArray(Integer[]::new),
					errorCodes.toArray(Integer[]::new), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, row) -> result.put(rs.getInt(1), rs.getLong(2)))
			.list();
		return result;
	}

	/**
	 * The tenant's sign-ins from an address (or, with a null address, an autonomous
	 * system) in {@code [from, to]}, oldest first, at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<SignInFacts> signInsFrom(OrganizationId organization, ManagedTenantId tenant,
			@org.jspecify.annotations.Nullable String address, @org.jspecify.annotations.Nullable Integer network,
			Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select id, created_at, event_type, user_id, user_principal_name, host(ip_address) as ip, asn, error_code
				from sign_in where organization_id = ? and managed_tenant_id = ?
				  and (ip_address = ?::inet or (?::inet is null and asn = ?)) and created_at between ? and ?
				order by created_at, id limit ?""")
			.params(organization.value(), tenant.value(), address, address, network, java.sql.Timestamp.from(from),
					java.sql.Timestamp.from(to), limit)
			.query((rs, row) -> new SignInFacts(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
					rs.getString("event_type"), rs.getString("user_id"), rs.getString("user_principal_name"),
					rs.getString("ip"), (Integer) rs.getObject("asn"), (Integer) rs.getObject("error_code")))
			.list();
	}

	/**
	 * The successful interactive sign-ins of these accounts in {@code [from, to]} that
	 * Graph located (latitude and longitude), by account and time, at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<LocatedSignIn> locatedSignIns(OrganizationId organization, ManagedTenantId tenant,
			Collection<String> accounts, Instant from, Instant to, int limit) {
		if (accounts.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select id, user_id, created_at, host(ip_address) as ip, asn, country, city, latitude, longitude
				from sign_in
				where organization_id = ? and managed_tenant_id = ? and user_id = any(?) and error_code = 0
				  and event_type = 'interactiveUser' and created_at between ? and ?
				  and latitude is not null and longitude is not null
				order by user_id, created_at, id limit ?""")
			.params(organization.value(), tenant.value(), accounts.toArray(String[]::new),
					java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit)
			.query((rs, row) -> new LocatedSignIn(rs.getLong("id"), rs.getString("user_id"),
					rs.getTimestamp("created_at").toInstant(), rs.getString("ip"), (Integer) rs.getObject("asn"),
					rs.getString("country"), rs.getString("city"), rs.getDouble("latitude"), rs.getDouble("longitude")))
			.list();
	}

	private StoredSignIn stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new StoredSignIn(rs.getLong("id"),
				new OrganizationId(rs.getObject("organization_id", java.util.UUID.class)),
				new ManagedTenantId(rs.getObject("managed_tenant_id", java.util.UUID.class)), rs.getString("graph_id"),
				rs.getTimestamp("created_at").toInstant(),
				codec.decode(rs.getBytes("record"), (Integer) rs.getObject("record_dictionary")));
	}

	/**
	 * How far back the tenant's stored sign-ins reach; empty before the first page.
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> historySince(OrganizationId organization, ManagedTenantId tenant) {
		return state.oldestSignIn(organization, tenant);
	}

	/**
	 * For each of these accounts, each country and each network it signed in from
	 * successfully in {@code [from, to]}, with the first time it did.
	 */
	@Transactional(readOnly = true)
	public List<AccountPlace> accountPlaces(OrganizationId organization, ManagedTenantId tenant,
			Collection<String> accounts, Instant from, Instant to) {
		if (accounts.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select user_id, country, asn, min(created_at) as first_at from sign_in
				where organization_id = ? and managed_tenant_id = ? and user_id = any(?) and error_code = 0
				  and created_at between ? and ?
				group by user_id, country, asn""")
			.params(organization.value(), tenant.value(), accounts.toArray(String[]::new),
					java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, row) -> new AccountPlace(rs.getString("user_id"), rs.getString("country"),
					(Integer) rs.getObject("asn"), rs.getTimestamp("first_at").toInstant()))
			.list();
	}

	/** Polling state of the tenant; empty when it is not polled. */
	@Transactional(readOnly = true)
	public Optional<IngestHealth> health(OrganizationId organization, ManagedTenantId tenant) {
		return state.health(organization, tenant);
	}

}
