package io.vigil.incidents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vigil.ingest.SignInFacts;
import io.vigil.ingest.SignInLog;
import io.vigil.ingest.SignInsIngested;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Verifies containment: after a block or a revoke the account is watched for a while (24
 * h by default), from a few minutes after the action (Graph needs them to take effect). A
 * successful sign-in of the account, or any sign-in from the attacker's addresses or
 * networks to another account of the tenant, means the attacker is still in: the incident
 * is reopened with that evidence and its people are told. Each sign-in breaches once,
 * however often delivered.
 */
@Component
class ContainmentWatch {

	/** A watch as the incident page shows it. */
	record Watch(Instant from, Instant until) {
	}

	private final JdbcClient jdbc;

	private final SignInLog signIns;

	private final Incidents incidents;

	private final Clock clock;

	private final Duration grace;

	private final Duration window;

	ContainmentWatch(JdbcClient jdbc, SignInLog signIns,
			@org.springframework.context.annotation.Lazy Incidents incidents, Clock clock,
			@Value("${app.incidents.containment-grace:PT5M}") Duration grace,
			@Value("${app.incidents.containment-window:PT24H}") Duration window) {
		this.jdbc = jdbc;
		this.signIns = signIns;
		this.incidents = incidents;
		this.clock = clock;
		this.grace = grace;
		this.window = window;
	}

	/** Starts (or extends) the watch of an incident whose account was just contained. */
	void start(Incident incident, List<IncidentSignIn> evidence) {
		var ips = new LinkedHashSet<String>();
		var asns = new LinkedHashSet<Integer>();
		for (var signIn : evidence) {
			if (signIn.ipAddress() != null) {
				ips.add(signIn.ipAddress());
			}
			if (signIn.evidence().get("ip") instanceof Map<?, ?> ip && ip.get("asn") instanceof Number asn) {
				asns.add(asn.intValue());
			}
		}
		var now = clock.instant();
		jdbc.sql(
				"""
						insert into containment_watch (incident_id, organization_id, managed_tenant_id, account_id, attacker_ips,
						  attacker_asns, contained_at, watch_from, watch_until) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (incident_id) do update set attacker_ips = excluded.attacker_ips,
						  attacker_asns = excluded.attacker_asns, watch_until = excluded.watch_until""")
			.params(incident.id(), incident.organizationId().value(), incident.managedTenantId().value(),
					incident.accountId(), ips.toArray(String[]::new), asns.toArray(Integer[]::new), Timestamp.from(now),
					Timestamp.from(now.plus(grace)), Timestamp.from(now.plus(window)))
			.update();
	}

	Optional<Watch> watch(OrganizationId organization, UUID incident) {
		return jdbc
			.sql("select watch_from, watch_until from containment_watch where organization_id = ? and incident_id = ?")
			.params(organization.value(), incident)
			.query((rs, row) -> new Watch(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
			.optional();
	}

	private record Active(UUID incident, @Nullable String accountId, List<String> ips, List<Integer> asns, Instant from,
			Instant until) {
	}

	@ApplicationModuleListener
	void on(SignInsIngested page) {
		var watches = active(page.organizationId(), page.managedTenantId());
		if (watches.isEmpty()) {
			return;
		}
		var facts = signIns.ingestedFacts(page.organizationId(), page.signInIds());
		for (var watch : watches) {
			for (var signIn : facts) {
				var reason = breach(watch, signIn);
				if (reason != null) {
					incidents.containmentBreached(page.organizationId(), watch.incident(), signIn, reason);
				}
			}
		}
	}

	/** Why this sign-in shows the attacker is still in, or null. */
	static @Nullable String breach(Active watch, SignInFacts signIn) {
		if (signIn.createdAt().isBefore(watch.from()) || signIn.createdAt().isAfter(watch.until())) {
			return null;
		}
		var sameAccount = watch.accountId() != null && watch.accountId().equals(signIn.userId());
		if (sameAccount && signIn.succeeded()) {
			return "the account signed in successfully after it was contained";
		}
		if (!sameAccount && signIn.ipAddress() != null && watch.ips().contains(signIn.ipAddress())) {
			return "the attacker's address " + signIn.ipAddress() + " signed in to another account";
		}
		if (!sameAccount && signIn.asn() != null && watch.asns().contains(signIn.asn())) {
			return "the attacker's network AS" + signIn.asn() + " signed in to another account";
		}
		return null;
	}

	/** Records a breach once; false when this sign-in breached the watch already. */
	boolean recordBreach(OrganizationId organization, UUID incident, long signIn, String reason) {
		return jdbc
			.sql("insert into containment_breach (incident_id, organization_id, sign_in_id, reason, at) "
					+ "values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(incident, organization.value(), signIn, reason, Timestamp.from(clock.instant()))
			.update() == 1;
	}

	private List<Active> active(OrganizationId organization, ManagedTenantId tenant) {
		var result = new ArrayList<Active>();
		jdbc.sql("""
				select incident_id, account_id, attacker_ips, attacker_asns, watch_from, watch_until
				from containment_watch where organization_id = ? and managed_tenant_id = ? and watch_until > ?""")
			.params(organization.value(), tenant.value(), Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
			.query((rs, row) -> new Active(rs.getObject("incident_id", UUID.class), rs.getString("account_id"),
					List.of((String[]) rs.getArray("attacker_ips").getArray()),
					List.of((Integer[]) rs.getArray("attacker_asns").getArray()),
					rs.getTimestamp("watch_from").toInstant(), rs.getTimestamp("watch_until").toInstant()))
			.list()
			.forEach(result::add);
		return result;
	}

}
