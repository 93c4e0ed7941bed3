package io.vigil.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.StageLag;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents, their evidence and timeline in PostgreSQL. Every query is scoped to the
 * organization.
 */
@Repository
class IncidentRepository {

	private static final TypeReference<List<ChecklistStep>> CHECKLIST = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	IncidentRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Serializes concurrent recorders of the same grouping key until the transaction
	 * ends.
	 */
	void lockGroup(ManagedTenantId tenant, String ruleId, String dedupKey) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param(tenant.value() + "/" + ruleId + "/" + dedupKey)
			.query((rs, row) -> 1)
			.single();
	}

	boolean alreadyRecorded(long signInId, String ruleId) {
		return jdbc.sql("select exists (select 1 from incident_sign_in where sign_in_id = ? and rule_id = ?)")
			.params(signInId, ruleId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The open incident this match joins: same tenant, rule and key, and the sign-in
	 * within its window.
	 */
	Optional<UUID> openIncidentFor(ManagedTenantId tenant, SignInMatch match) {
		return openIncidentFor(tenant, match.ruleId(), match.dedupKey(), match.createdAt());
	}

	/**
	 * The open incident of this tenant, rule and key whose window covers {@code at}.
	 */
	Optional<UUID> openIncidentFor(ManagedTenantId tenant, String ruleId, String dedupKey, Instant at) {
		var created = Timestamp.from(at);
		return jdbc.sql("select id from incident where managed_tenant_id = ? and rule_id = ? and dedup_key = ? "
				+ "and status = any(?) and last_seen >= ?::timestamptz - make_interval(secs => window_seconds) "
				+ "and first_seen <= ?::timestamptz + make_interval(secs => window_seconds) order by last_seen desc limit 1")
			.params(tenant.value(), ruleId, dedupKey, openNames().toArray(String[]::new), created, created)
			.query(UUID.class)
			.optional();
	}

	void insert(UUID id, OrganizationId organization, ManagedTenantId tenant, SignInMatch match, long latencyMillis,
			Instant now) {
		jdbc.sql("""
				insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
				  dedup_key, account_id, account_upn, account_display_name, first_seen, last_seen, window_seconds,
				  checklist, detection_latency_ms, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
			.params(id, organization.value(), tenant.value(), match.ruleId(), match.ruleTitle(),
					match.severity().name(), match.dedupKey(), match.accountId(), match.accountUpn(),
					match.accountDisplayName(), Timestamp.from(match.createdAt()), Timestamp.from(match.createdAt()),
					match.window().toSeconds(), json.writeValueAsString(match.checklist()), latencyMillis,
					Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Opens an incident for a directory audit or risk detection a rule matched. */
	void insert(UUID id, OrganizationId organization, ManagedTenantId tenant, io.vigil.detection.ActivityMatch match,
			long latencyMillis, Instant now) {
		jdbc.sql("""
				insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
				  dedup_key, account_id, account_upn, first_seen, last_seen, window_seconds, checklist,
				  detection_latency_ms, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
			.params(id, organization.value(), tenant.value(), match.ruleId(), match.ruleTitle(),
					match.severity().name(), match.dedupKey(), match.accountId(), match.accountUpn(),
					Timestamp.from(match.occurredAt()), Timestamp.from(match.occurredAt()), match.window().toSeconds(),
					json.writeValueAsString(match.checklist()), latencyMillis, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	boolean activityRecorded(long recordId, String ruleId) {
		return jdbc.sql("select exists (select 1 from incident_activity where activity_record_id = ? and rule_id = ?)")
			.params(recordId, ruleId)
			.query(Boolean.class)
			.single();
	}

	void addActivity(UUID incident, OrganizationId organization, ManagedTenantId tenant,
			io.vigil.detection.ActivityMatch match, Instant now) {
		jdbc.sql("""
				insert into incident_activity (incident_id, organization_id, managed_tenant_id, rule_id,
				  activity_record_id, graph_id, occurred_at, ip_address, evidence, added_at)
				values (?, ?, ?, ?, ?, ?, ?, ?::inet, ?::jsonb, ?)""")
			.params(incident, organization.value(), tenant.value(), match.ruleId(), match.recordId(), match.graphId(),
					Timestamp.from(match.occurredAt()), match.ipAddress(), json.writeValueAsString(match.evidence()),
					Timestamp.from(now))
			.update();
		jdbc.sql("""
				update incident set last_seen = greatest(last_seen, ?), first_seen = least(first_seen, ?),
				  updated_at = ? where id = ?""")
			.params(Timestamp.from(match.occurredAt()), Timestamp.from(match.occurredAt()), Timestamp.from(now),
					incident)
			.update();
	}

	/**
	 * The directory audits and risk detections that are an incident's evidence, oldest
	 * first.
	 */
	List<IncidentActivity> activities(OrganizationId organization, UUID incident) {
		return jdbc
			.sql("""
					select activity_record_id, graph_id, occurred_at, host(ip_address) as ip, evidence::text as evidence
					from incident_activity where organization_id = ? and incident_id = ? order by occurred_at, activity_record_id""")
			.params(organization.value(), incident)
			.query((rs, row) -> new IncidentActivity(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), json.readValue(rs.getString(5), OBJECT)))
			.list();
	}

	void addSignIn(UUID incident, OrganizationId organization, ManagedTenantId tenant, SignInMatch match,
			long latencyMillis, Instant now) {
		jdbc.sql("""
				insert into incident_sign_in (incident_id, organization_id, managed_tenant_id, rule_id, sign_in_id,
				  graph_id, created_at, ip_address, evidence, detection_latency_ms, added_at)
				values (?, ?, ?, ?, ?, ?, ?, ?::inet, ?::jsonb, ?, ?)""")
			.params(incident, organization.value(), tenant.value(), match.ruleId(), match.signInId(), match.graphId(),
					Timestamp.from(match.createdAt()), match.ipAddress(), json.writeValueAsString(match.evidence()),
					latencyMillis, Timestamp.from(now))
			.update();
		jdbc.sql("""
				update incident set sign_in_count = sign_in_count + 1, last_seen = greatest(last_seen, ?),
				  first_seen = least(first_seen, ?), updated_at = ? where id = ?""")
			.params(Timestamp.from(match.createdAt()), Timestamp.from(match.createdAt()), Timestamp.from(now), incident)
			.update();
	}

	void appendTimeline(UUID incident, OrganizationId organization, Instant at, String actor, String kind,
			Map<String, ?> detail) {
		jdbc.sql("insert into incident_timeline (incident_id, organization_id, at, actor, kind, detail) "
				+ "values (?, ?, ?, ?, ?, ?::jsonb)")
			.params(incident, organization.value(), Timestamp.from(at), actor, kind, json.writeValueAsString(detail))
			.update();
	}

	Optional<Incident> find(OrganizationId organization, UUID id) {
		return jdbc.sql("select * from incident where organization_id = ? and id = ?")
			.params(organization.value(), id)
			.query(this::incident)
			.optional();
	}

	/**
	 * Other incidents of the same account in the same tenant, or with a sign-in from one
	 * of this one's addresses.
	 */
	List<Incident> related(OrganizationId organization, Incident incident,
			java.util.@Nullable Set<ManagedTenantId> visible, int limit) {
		var tenants = visible == null ? null
				: visible.stream()
					.map(tenant -> tenant.value().toString())
					.collect(java.util.stream.Collectors.joining(",", "{", "}"));
		return jdbc
			.sql("""
					select * from incident i where i.organization_id = :org and i.id <> :id
					  and (cast(:tenants as uuid[]) is null or i.managed_tenant_id = any(cast(:tenants as uuid[])))
					  and i.id in (
					    -- two lookups by index, joined: an OR of the two would scan every incident of the organization
					    select same.id from incident same
					    where same.organization_id = :org and same.managed_tenant_id = :tenant and same.account_id = :account
					    union
					    select other.incident_id from incident_sign_in other
					    where other.organization_id = :org and other.ip_address in (
					      select mine.ip_address from incident_sign_in mine
					      where mine.organization_id = :org and mine.incident_id = :id and mine.ip_address is not null))
					order by i.last_seen desc, i.id limit :limit""")
			.param("org", organization.value())
			.param("id", incident.id())
			.param("tenants", tenants)
			.param("tenant", incident.managedTenantId().value())
			.param("account", incident.accountId())
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	List<Incident> list(OrganizationId organization, @Nullable ManagedTenantId tenant, int limit) {
		return jdbc
			.sql("select * from incident where organization_id = ? and (?::uuid is null or managed_tenant_id = ?) "
					+ "order by last_seen desc, id limit ?")
			.params(organization.value(), tenant == null ? null : tenant.value(),
					tenant == null ? null : tenant.value(), limit)
			.query(this::incident)
			.list();
	}

	/**
	 * The queue: newest activity first (then the more severe), a page at a time by
	 * keyset, so the thousandth page costs what the first does.
	 */
	/** Severity as a number, the most severe highest: the severity order's sort key. */
	static final String SEVERITY_RANK = "(case severity when 'CRITICAL' then 5 when 'HIGH' then 4 when 'MEDIUM' then 3 "
			+ "when 'LOW' then 2 else 1 end)";

	/**
	 * Where a page of the queue ends, in the order's terms: the severity rank (that order
	 * only), a time, the id.
	 */
	record Keyset(int rank, Instant at, @Nullable UUID id) {
	}

	/**
	 * The queue's filters, in fixed queries with named parameters: an empty filter field
	 * is a null parameter that matches everything (planned with the values, the unused
	 * conditions fold away: WebLoadBenchmark's queue figures did not change). Only the
	 * order differs between sorts, each served by an index.
	 */
	private static final String FILTERS = """
			and (:visible::uuid[] is null or managed_tenant_id = any(:visible::uuid[]))
			and (:tenant::uuid is null or managed_tenant_id = :tenant::uuid)
			and (:rule::text is null or rule_id = :rule::text)
			and (:severity::text is null or severity = :severity::text)
			and (:statuses::text[] is null or status = any(:statuses::text[]))
			and (:assignee::text is null or assignee = :assignee::text)
			""";

	private static final String ALL = "select * from incident where organization_id = :organization\n" + FILTERS;

	/**
	 * A text search finds its matches first (through the trigram index, which only
	 * vigil_incidents_by_account may use under row-level security: migration V20), then
	 * orders and pages them: with a rare match the planner would otherwise walk the whole
	 * queue index looking for them. A query of its own, as the matches must be a plain
	 * condition to be joined: under "text is null or ..." PostgreSQL tests every incident
	 * of the organization against them (6 times slower, measured).
	 */
	private static final String MATCHING = """
			with matching as materialized (
			  select vigil_incidents_by_account(:like) as id
			  union
			  select incident_id from incident_sign_in where :address::inet is not null
			  and organization_id = :organization and ip_address = :address::inet)
			select * from incident where organization_id = :organization and id in (select id from matching)
			""" + FILTERS;

	private static final String AFTER_LAST_SEEN = """
			and (:afterId::uuid is null or (last_seen, id) < (:afterAt::timestamptz, :afterId::uuid))
			order by last_seen desc, id desc limit :limit""";

	private static final String AFTER_FIRST_SEEN = """
			and (:afterId::uuid is null or (first_seen, id) < (:afterAt::timestamptz, :afterId::uuid))
			order by first_seen desc, id desc limit :limit""";

	private static final String AFTER_SEVERITY = """
			and (:afterId::uuid is null
			  or (%1$s, last_seen, id) < (:afterRank::int, :afterAt::timestamptz, :afterId::uuid))
			order by %1$s desc, last_seen desc, id desc limit :limit""".formatted(SEVERITY_RANK);

	List<Incident> search(OrganizationId organization, IncidentFilter filter, IncidentSort sort, @Nullable Keyset after,
			int limit) {
		var text = filter.text() == null || filter.text().isBlank() ? null : filter.text().strip();
		var paged = after != null && after.id() != null;
		var page = switch (sort) {
			case LAST_SEEN -> AFTER_LAST_SEEN;
			case FIRST_SEEN -> AFTER_FIRST_SEEN;
			case SEVERITY -> AFTER_SEVERITY;
		};
		return jdbc.sql((text == null ? ALL : MATCHING) + page)
			.param("organization", organization.value())
			.param("visible",
					filter.visibleTenants() == null ? null
							: filter.visibleTenants().stream().map(ManagedTenantId::value).toArray(UUID[]::new))
			.param("tenant", filter.tenant() == null ? null : filter.tenant().value())
			.param("rule", filter.ruleId())
			.param("severity", filter.severity() == null ? null : filter.severity().name())
			.param("statuses",
					filter.statuses().isEmpty() ? null
							: filter.statuses().stream().map(Enum::name).toArray(String[]::new))
			.param("assignee", filter.assignee())
			.param("like", text == null ? null : contains(text))
			.param("address", text == null || !isAddress(text) ? null : text)
			.param("afterRank", paged ? after.rank() : null)
			.param("afterAt", paged ? Timestamp.from(after.at()) : null)
			.param("afterId", paged ? after.id() : null)
			.param("limit", limit)
			.query(this::incident)
			.list();
	}

	/** A LIKE pattern for text anywhere, the text's own wildcards taken literally. */
	private static String contains(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/** A full address only ("1.2" is an address to inet_aton, not to an analyst). */
	private static boolean isAddress(String text) {
		return (text.chars().filter(c -> c == '.').count() == 3 || text.contains(":"))
				&& new inet.ipaddr.IPAddressString(text).isIPAddress();
	}

	java.util.Map<IncidentStatus, Long> countByStatus(OrganizationId organization,
			java.util.@Nullable Set<io.vigil.shared.ManagedTenantId> visibleTenants) {
		var counts = new java.util.EnumMap<IncidentStatus, Long>(IncidentStatus.class);
		for (var status : IncidentStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("select status, count(*) from incident where organization_id = ? "
				+ "and (?::uuid[] is null or managed_tenant_id = any(?::uuid[])) group by status")
			.params(organization.value(),
					visibleTenants == null ? null : visibleTenants.stream().map(t -> t.value()).toArray(UUID[]::new),
					visibleTenants == null ? null : visibleTenants.stream().map(t -> t.value()).toArray(UUID[]::new))
			.query(rs -> {
				counts.put(IncidentStatus.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	List<IncidentSignIn> signIns(OrganizationId organization, UUID incident) {
		return jdbc
			.sql("select sign_in_id, graph_id, created_at, host(ip_address) as ip, evidence::text as evidence, "
					+ "detection_latency_ms from incident_sign_in where organization_id = ? and incident_id = ? "
					+ "order by created_at, sign_in_id")
			.params(organization.value(), incident)
			.query((rs, row) -> new IncidentSignIn(rs.getLong("sign_in_id"), rs.getString("graph_id"),
					rs.getTimestamp("created_at").toInstant(), rs.getString("ip"),
					json.readValue(rs.getString("evidence"), OBJECT), rs.getLong("detection_latency_ms")))
			.list();
	}

	List<TimelineEntry> timeline(OrganizationId organization, UUID incident) {
		return jdbc
			.sql("select at, actor, kind, detail::text as detail from incident_timeline "
					+ "where organization_id = ? and incident_id = ? order by at, id")
			.params(organization.value(), incident)
			.query((rs, row) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("kind"), json.readValue(rs.getString("detail"), OBJECT)))
			.list();
	}

	boolean updateStatus(OrganizationId organization, UUID id, IncidentStatus status, Instant now) {
		return jdbc.sql("update incident set status = ?, updated_at = ? where organization_id = ? and id = ?")
			.params(status.name(), Timestamp.from(now), organization.value(), id)
			.update() == 1;
	}

	void updateSeverity(OrganizationId organization, UUID id, io.vigil.detection.Severity severity, Instant now) {
		jdbc.sql("update incident set severity = ?, updated_at = ? where organization_id = ? and id = ?")
			.params(severity.name(), Timestamp.from(now), organization.value(), id)
			.update();
	}

	boolean updateAssignee(OrganizationId organization, UUID id, @Nullable String assignee, Instant now) {
		return jdbc.sql("update incident set assignee = ?, updated_at = ? where organization_id = ? and id = ?")
			.params(assignee, Timestamp.from(now), organization.value(), id)
			.update() == 1;
	}

	void putChecklistState(OrganizationId organization, UUID id, String step, Map<String, ?> state, Instant now) {
		jdbc.sql("update incident set checklist_state = jsonb_set(checklist_state, array[?], ?::jsonb), updated_at = ? "
				+ "where organization_id = ? and id = ?")
			.params(step, json.writeValueAsString(state), Timestamp.from(now), organization.value(), id)
			.update();
	}

	private Incident incident(ResultSet rs, int row) throws SQLException {
		return new Incident(rs.getObject("id", UUID.class),
				new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new ManagedTenantId(rs.getObject("managed_tenant_id", UUID.class)), rs.getString("rule_id"),
				rs.getString("rule_title"), Severity.valueOf(rs.getString("severity")),
				IncidentStatus.valueOf(rs.getString("status")), rs.getString("assignee"), rs.getString("dedup_key"),
				rs.getString("account_id"), rs.getString("account_upn"), rs.getString("account_display_name"),
				rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant(),
				rs.getInt("sign_in_count"), json.readValue(rs.getString("checklist"), CHECKLIST),
				json.readValue(rs.getString("checklist_state"), OBJECT), rs.getLong("detection_latency_ms"),
				java.time.Duration.ofSeconds(rs.getLong("window_seconds")), instant(rs, "post_compromise_at"),
				rs.getString("severity_before_post_compromise") == null ? null
						: Severity.valueOf(rs.getString("severity_before_post_compromise")));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/**
	 * The open incidents about the account in the tenant whose reach (first sign-in to a
	 * window after the last) covers {@code at}.
	 */
	List<UUID> openForAccount(OrganizationId organization, ManagedTenantId tenant, String accountId, Instant at) {
		return jdbc
			.sql("select id from incident where organization_id = ? and managed_tenant_id = ? and account_id = ? "
					+ "and status = any(?) and first_seen <= ? "
					+ "and last_seen >= ?::timestamptz - make_interval(secs => window_seconds)")
			.params(organization.value(), tenant.value(), accountId, openNames().toArray(String[]::new),
					Timestamp.from(at), Timestamp.from(at))
			.query(UUID.class)
			.list();
	}

	/**
	 * Raises the severity for post-compromise activity, once: false when it was raised
	 * before.
	 */
	boolean markPostCompromise(OrganizationId organization, UUID incident, Severity before, Severity after,
			Instant now) {
		return jdbc.sql("""
				update incident set severity = ?, severity_before_post_compromise = ?, post_compromise_at = ?,
				  updated_at = ?
				where organization_id = ? and id = ? and post_compromise_at is null""")
			.params(after.name(), before.name(), Timestamp.from(now), Timestamp.from(now), organization.value(),
					incident)
			.update() > 0;
	}

	StageLag detectionLag(OrganizationId organization, ManagedTenantId tenant, Instant since) {
		return jdbc
			.sql("select " + StageLag.select("detection_latency_ms")
					+ " from incident_sign_in where organization_id = ? and managed_tenant_id = ? and added_at >= ?")
			.params(organization.value(), tenant.value(), Timestamp.from(since))
			.query(StageLag::read)
			.single();
	}

	/**
	 * The dashboard's figures over the incidents of the tenants given (null: all), the
	 * period from {@code since}.
	 */
	IncidentStatistics statistics(OrganizationId organization, java.util.@Nullable Set<ManagedTenantId> visibleTenants,
			Instant since, java.time.LocalDate today) {
		// an array literal as text: named parameters would expand a Java array into a
		// list of values
		var tenants = visibleTenants == null ? null
				: visibleTenants.stream()
					.map(tenant -> tenant.value().toString())
					.collect(java.util.stream.Collectors.joining(",", "{", "}"));
		var scope = " organization_id = :org and (cast(:tenants as uuid[]) is null or managed_tenant_id = any(cast(:tenants as uuid[]))) ";
		var bySeverity = new java.util.LinkedHashMap<String, Long>();
		for (var severity : List.of("critical", "high", "medium", "low", "informational")) {
			bySeverity.put(severity, 0L);
		}
		jdbc.sql("select lower(severity), count(*) from incident where" + scope + "and status in (:open) group by 1")
			.param("org", organization.value())
			.param("tenants", tenants)
			.param("open", openNames())
			.query(rs -> {
				bySeverity.put(rs.getString(1), rs.getLong(2));
			});
		var byTenant = new java.util.LinkedHashMap<UUID, Long>();
		jdbc.sql("select managed_tenant_id, count(*) from incident where" + scope
				+ "and status in (:open) group by 1 order by 2 desc, 1")
			.param("org", organization.value())
			.param("tenants", tenants)
			.param("open", openNames())
			.query(rs -> {
				byTenant.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		var perDay = new java.util.HashMap<java.time.LocalDate, long[]>();
		jdbc.sql("select (created_at at time zone 'UTC')::date, count(*), count(*) filter (where severity in "
				+ "('HIGH', 'CRITICAL')) from incident where" + scope + "and created_at >= :since group by 1")
			.param("org", organization.value())
			.param("tenants", tenants)
			.param("since", Timestamp.from(since))
			.query(rs -> {
				perDay.put(rs.getObject(1, java.time.LocalDate.class), new long[] { rs.getLong(2), rs.getLong(3) });
			});
		var days = new java.util.ArrayList<IncidentStatistics.Day>();
		for (var day = since.atZone(java.time.ZoneOffset.UTC).toLocalDate(); !day.isAfter(today); day = day
			.plusDays(1)) {
			var counts = perDay.getOrDefault(day, new long[2]);
			days.add(new IncidentStatistics.Day(day, counts[0], counts[1]));
		}
		var means = jdbc
			.sql("""
					select avg(extract(epoch from touched - created_at)) as acknowledge,
					       avg(extract(epoch from contained - created_at)) as contain
					from (select i.created_at,
					        (select min(t.at) from incident_timeline t where t.incident_id = i.id
					           and t.kind in ('assigned', 'status-changed', 'checklist-answered', 'comment', 'action',
					                          'account-checked', 'user-asked', 'suppression-created')) as touched,
					        (select min(t.at) from incident_timeline t where t.incident_id = i.id and t.kind = 'action'
					           and t.detail ->> 'outcome' = 'success') as contained
					      from incident i where""" + scope.replace("organization_id", "i.organization_id")
				.replace("managed_tenant_id", "i.managed_tenant_id") + "and i.created_at >= :since) measured")
			.param("org", organization.value())
			.param("tenants", tenants)
			.param("since", Timestamp.from(since))
			.query((rs,
					row) -> new java.time.Duration[] { seconds(rs.getObject("acknowledge")),
							seconds(rs.getObject("contain")) })
			.single();
		var topRules = jdbc
			.sql("select rule_id, max(rule_title), count(*) from incident where" + scope
					+ "and created_at >= :since group by rule_id order by 3 desc, 1 limit 5")
			.param("org", organization.value())
			.param("tenants", tenants)
			.param("since", Timestamp.from(since))
			.query((rs, row) -> new IncidentStatistics.RuleCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
		return new IncidentStatistics(bySeverity, byTenant, days, means[0], means[1], topRules);
	}

	private static List<String> openNames() {
		return IncidentStatus.OPEN.stream().map(Enum::name).toList();
	}

	private static java.time.@Nullable Duration seconds(@Nullable Object value) {
		return value == null ? null : java.time.Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000));
	}

}
