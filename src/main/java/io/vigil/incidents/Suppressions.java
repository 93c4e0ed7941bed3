package io.vigil.incidents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import inet.ipaddr.IPAddressString;
import io.vigil.detection.SignInMatch;
import io.vigil.incidents.Suppression.Scope;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suppressions, created from an incident ("this was our VPN"): scoped by tenant, rule,
 * account, network, ASN or country, with a reason and an expiry (90 days unless chosen
 * otherwise). Before saving, {@link #preview} shows which past incidents it would have
 * suppressed; afterwards matches it covers are recorded instead of raising incidents.
 */
@Service
public class Suppressions {

	public static final Duration DEFAULT_EXPIRY = Duration.ofDays(90);

	private final JdbcClient jdbc;

	private final Incidents incidents;

	private final Clock clock;

	Suppressions(JdbcClient jdbc, Incidents incidents, Clock clock) {
		this.jdbc = jdbc;
		this.incidents = incidents;
		this.clock = clock;
	}

	/**
	 * @param expiresAt when it stops; null only with {@code neverExpires}, so nothing is
	 * unbounded by accident
	 * @param closeIncident also close the source incident as benign
	 * @throws IllegalArgumentException (a message fit for the form) for an invalid or
	 * unauthorized scope
	 */
	@Transactional
	public Suppression create(OrganizationId organization, Scope scope, String reason, @Nullable Instant expiresAt,
			boolean neverExpires, @Nullable UUID sourceIncident, boolean closeIncident, SuppressionAuthor author) {
		if (scope.isEmpty()) {
			throw new IllegalArgumentException(
					"A suppression needs a scope: tenant, rule, account, network, ASN or " + "country");
		}
		authorize(scope, neverExpires, author);
		var actor = author.name();
		if (reason.isBlank()) {
			throw new IllegalArgumentException("Say why this is known to be good");
		}
		if (scope.network() != null && new IPAddressString(scope.network()).getAddress() == null) {
			throw new IllegalArgumentException("'" + scope.network() + "' is not a network (CIDR)");
		}
		var expiry = neverExpires ? null : expiresAt != null ? expiresAt : clock.instant().plus(DEFAULT_EXPIRY);
		var id = UUID.randomUUID();
		var now = clock.instant();
		jdbc.sql("""
				insert into suppression (id, organization_id, managed_tenant_id, rule_id, account_id, network, asn,
				  country, reason, expires_at, source_incident, created_by, created_at)
				values (?, ?, ?, ?, ?, ?::cidr, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organization.value(), scope.tenant() == null ? null : scope.tenant().value(), scope.ruleId(),
					scope.accountId(), scope.network() == null ? null : block(scope.network()), scope.asn(),
					scope.country(), reason.strip(), expiry == null ? null : Timestamp.from(expiry), sourceIncident,
					actor, Timestamp.from(now))
			.update();
		if (sourceIncident != null) {
			incidents.recordOnTimeline(organization, sourceIncident, actor, "suppression-created",
					Map.of("suppression", id.toString(), "reason", reason.strip()));
			if (closeIncident) {
				incidents.closePendingSteps(organization, sourceIncident, actor, "suppressed: " + reason.strip());
				incidents.changeStatus(organization, sourceIncident, IncidentStatus.DISMISSED_BENIGN, actor,
						reason.strip());
			}
		}
		return list(organization).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
	}

	/** A scope left empty must not widen a suppression past what its author may see. */
	private static void authorize(Scope scope, boolean neverExpires, SuppressionAuthor author) {
		if (author.tenants() != null && (scope.tenant() == null || !author.tenants().contains(scope.tenant()))) {
			throw new IllegalArgumentException(
					"You may suppress only in the tenants you look after: keep " + "'this tenant only' ticked");
		}
		if (!author.organizationAdmin() && scope.tenant() == null) {
			throw new IllegalArgumentException(
					"Only organization admins may suppress in every tenant: keep " + "'this tenant only' ticked");
		}
		if (!author.organizationAdmin() && neverExpires) {
			throw new IllegalArgumentException("Only organization admins may create a suppression that never "
					+ "expires: choose a number of days");
		}
	}

	@Transactional(readOnly = true)
	public List<Suppression> list(OrganizationId organization) {
		return jdbc
			.sql("select *, host(network) || '/' || masklen(network) as cidr from suppression "
					+ "where organization_id = ? order by created_at desc")
			.param(organization.value())
			.query(Suppressions::suppression)
			.list();
	}

	/**
	 * The past incidents a suppression with this scope would have suppressed (evidence
	 * from any of their sign-ins).
	 */
	@Transactional(readOnly = true)
	public List<Incident> preview(OrganizationId organization, Scope scope) {
		var ids = jdbc.sql("""
				select distinct i.id from incident i join incident_sign_in e on e.incident_id = i.id
				where i.organization_id = ?
				  and (?::uuid is null or i.managed_tenant_id = ?::uuid)
				  and (?::text is null or i.rule_id = ?::text)
				  and (?::text is null or i.account_id = ?::text)
				  and (?::cidr is null or e.ip_address <<= ?::cidr)
				  and (?::bigint is null or (e.evidence -> 'ip' ->> 'asn')::bigint = ?::bigint)
				  and (?::text is null or upper(e.evidence -> 'ip' ->> 'country') = upper(?::text))
				limit 500""")
			.params(organization.value(), tenant(scope), tenant(scope), scope.ruleId(), scope.ruleId(),
					scope.accountId(), scope.accountId(), cidr(scope), cidr(scope), scope.asn(), scope.asn(),
					scope.country(), scope.country())
			.query(UUID.class)
			.list();
		return ids.stream().map(id -> incidents.find(organization, id)).flatMap(java.util.Optional::stream).toList();
	}

	/**
	 * The active suppression covering this match, if any (checked when a match would join
	 * or open an incident).
	 */
	@Transactional(readOnly = true)
	public @Nullable UUID covering(OrganizationId organization, ManagedTenantId tenant, SignInMatch match) {
		var asn = match.evidence().get("ip") instanceof Map<?, ?> ip && ip.get("asn") instanceof Number number
				? number.longValue() : null;
		var country = match.evidence().get("ip") instanceof Map<?, ?> ip && ip.get("country") != null
				? String.valueOf(ip.get("country")) : null;
		return jdbc.sql("""
				select id from suppression where organization_id = ?
				  and (managed_tenant_id is null or managed_tenant_id = ?)
				  and (rule_id is null or rule_id = ?)
				  and (account_id is null or account_id = ?)
				  and (network is null or ?::inet <<= network)
				  and (asn is null or asn = ?)
				  and (country is null or upper(country) = upper(?))
				  and (expires_at is null or expires_at > ?)
				order by created_at limit 1""")
			.params(organization.value(), tenant.value(), match.ruleId(), match.accountId(), match.ipAddress(), asn,
					country, Timestamp.from(clock.instant()))
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	void recordSuppressed(UUID suppression, OrganizationId organization, ManagedTenantId tenant, SignInMatch match) {
		jdbc.sql("""
				insert into suppressed_match (suppression_id, organization_id, managed_tenant_id, rule_id, sign_in_id,
				  graph_id, account_id, ip_address, suppressed_at) values (?, ?, ?, ?, ?, ?, ?, ?::inet, ?)
				on conflict do nothing""")
			.params(suppression, organization.value(), tenant.value(), match.ruleId(), match.signInId(),
					match.graphId(), match.accountId(), match.ipAddress(), Timestamp.from(clock.instant()))
			.update();
	}

	/** How many matches a suppression has held back. */
	@Transactional(readOnly = true)
	public long suppressedCount(OrganizationId organization, UUID suppression) {
		return jdbc.sql("select count(*) from suppressed_match where organization_id = ? and suppression_id = ?")
			.params(organization.value(), suppression)
			.query(Long.class)
			.single();
	}

	private static @Nullable UUID tenant(Scope scope) {
		return scope.tenant() == null ? null : scope.tenant().value();
	}

	private static @Nullable String cidr(Scope scope) {
		return scope.network() == null ? null : block(scope.network());
	}

	/**
	 * The network as PostgreSQL's cidr wants it: host bits cleared ("10.1.2.3/8" is
	 * 10.0.0.0/8).
	 */
	private static String block(String network) {
		return new IPAddressString(network.strip()).getAddress().toPrefixBlock().toString();
	}

	private static Suppression suppression(ResultSet rs, int row) throws SQLException {
		var tenant = rs.getObject("managed_tenant_id", UUID.class);
		var asn = rs.getLong("asn");
		var asnPresent = !rs.wasNull();
		var expires = rs.getTimestamp("expires_at");
		return new Suppression(rs.getObject("id", UUID.class), tenant == null ? null : new ManagedTenantId(tenant),
				rs.getString("rule_id"), rs.getString("account_id"), rs.getString("cidr"), asnPresent ? asn : null,
				rs.getString("country"), rs.getString("reason"), expires == null ? null : expires.toInstant(),
				rs.getObject("source_incident", UUID.class), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

}
