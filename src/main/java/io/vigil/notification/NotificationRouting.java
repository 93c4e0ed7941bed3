package io.vigil.notification;

import io.vigil.security.AuditAction;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vigil.detection.Severity;
import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import io.vigil.tenants.SecretSealing;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who hears of what, set by organization admins: routes (audited), quiet hours, and
 * webhooks, whose signing secret Vigil makes and shows once.
 */
@Service
public class NotificationRouting {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/** Quiet hours of an organization; null start or end: none. */
	public record QuietHours(@Nullable LocalTime start, @Nullable LocalTime end, ZoneId zone) {

		/** When a low-severity message may go, for one written at {@code now}. */
		java.time.Instant release(java.time.Instant now) {
			if (start == null || end == null || start.equals(end)) {
				return now;
			}
			var local = now.atZone(zone);
			var time = local.toLocalTime();
			var quiet = start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
					: !time.isBefore(start) || time.isBefore(end);
			if (!quiet) {
				return now;
			}
			var release = local.with(end);
			if (!release.isAfter(local)) {
				release = release.plusDays(1);
			}
			return release.toInstant();
		}

	}

	/** A new webhook and its secret, shown once. */
	public record CreatedWebhook(Webhook webhook, Secret secret) {
	}

	private final JdbcClient jdbc;

	private final SecretSealing sealing;

	private final ManagedTenants tenants;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Outbox outbox;

	private final WebhookAddresses addresses;

	NotificationRouting(JdbcClient jdbc, SecretSealing sealing, ManagedTenants tenants, AuditLog audit, Clock clock,
			Outbox outbox, WebhookAddresses addresses) {
		this.outbox = outbox;
		this.addresses = addresses;
		this.jdbc = jdbc;
		this.sealing = sealing;
		this.tenants = tenants;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Route> routes(OrganizationId organization) {
		return jdbc.sql("select * from notification_route where organization_id = ? order by created_at")
			.param(organization.value())
			.query((rs, row) -> new Route(rs.getObject("id", UUID.class),
					rs.getObject("managed_tenant_id", UUID.class) == null ? null
							: new ManagedTenantId(rs.getObject("managed_tenant_id", UUID.class)),
					Severity.valueOf(rs.getString("min_severity")), Route.Audience.valueOf(rs.getString("audience")),
					rs.getString("recipient"), Route.Delivery.valueOf(rs.getString("delivery"))))
			.list();
	}

	/**
	 * @throws IllegalArgumentException for a recipient that is not an email address or
	 * {@link Route#TENANT_ADMINS}
	 */
	@Transactional
	public Route addRoute(VigilUser admin, @Nullable ManagedTenantId tenant, Severity minSeverity,
			Route.Audience audience, String recipient, Route.Delivery delivery) {
		requireAdmin(admin);
		var to = recipient.strip();
		if (!to.equals(Route.TENANT_ADMINS) && !EMAIL.matcher(to).matches()) {
			throw new IllegalArgumentException("'" + to + "' is not an email address");
		}
		if (tenant != null && tenants.find(admin.organizationId(), tenant).isEmpty()) {
			throw new IllegalArgumentException("No such tenant");
		}
		var route = new Route(UUID.randomUUID(), tenant, minSeverity, audience, to, delivery);
		jdbc.sql(
				"""
						insert into notification_route (id, organization_id, managed_tenant_id, min_severity, audience, recipient,
						  delivery, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(route.id(), admin.organizationId().value(), tenant == null ? null : tenant.value(),
					minSeverity.name(), audience.name(), to, delivery.name(), admin.email(),
					Timestamp.from(clock.instant()))
			.update();
		audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_ROUTE_ADDED, to, "success",
				Map.of("tenant", tenant == null ? "all" : tenant.value().toString(), "minSeverity", minSeverity.name(),
						"audience", audience.name(), "delivery", delivery.name()));
		return route;
	}

	@Transactional
	public boolean removeRoute(VigilUser admin, UUID route) {
		requireAdmin(admin);
		var removed = jdbc.sql("delete from notification_route where organization_id = ? and id = ?")
			.params(admin.organizationId().value(), route)
			.update() == 1;
		if (removed) {
			audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_ROUTE_REMOVED,
					route.toString(), "success", Map.of());
		}
		return removed;
	}

	@Transactional(readOnly = true)
	public QuietHours quietHours(OrganizationId organization) {
		return jdbc.sql("select quiet_start, quiet_end, time_zone from notification_settings where organization_id = ?")
			.param(organization.value())
			.query((rs, row) -> new QuietHours(
					rs.getTime("quiet_start") == null ? null : rs.getTime("quiet_start").toLocalTime(),
					rs.getTime("quiet_end") == null ? null : rs.getTime("quiet_end").toLocalTime(),
					ZoneId.of(rs.getString("time_zone"))))
			.optional()
			.orElse(new QuietHours(null, null, ZoneId.of("UTC")));
	}

	@Transactional
	public void setQuietHours(VigilUser admin, QuietHours quiet) {
		requireAdmin(admin);
		jdbc.sql(
				"""
						insert into notification_settings (organization_id, quiet_start, quiet_end, time_zone) values (?, ?, ?, ?)
						on conflict (organization_id) do update set quiet_start = excluded.quiet_start,
						  quiet_end = excluded.quiet_end, time_zone = excluded.time_zone""")
			.params(admin.organizationId().value(), quiet.start() == null ? null : Time.valueOf(quiet.start()),
					quiet.end() == null ? null : Time.valueOf(quiet.end()), quiet.zone().getId())
			.update();
		audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_QUIET_HOURS, quiet.zone().getId(),
				"success", Map.of("start", String.valueOf(quiet.start()), "end", String.valueOf(quiet.end())));
	}

	@Transactional(readOnly = true)
	public List<Webhook> webhooks(OrganizationId organization) {
		return jdbc.sql("select * from webhook where organization_id = ? order by created_at")
			.param(organization.value())
			.query((rs, row) -> new Webhook(rs.getObject("id", UUID.class), Webhook.Kind.valueOf(rs.getString("kind")),
					rs.getString("url"), Severity.valueOf(rs.getString("min_severity")), rs.getString("last_status"),
					rs.getTimestamp("last_at") == null ? null : rs.getTimestamp("last_at").toInstant()))
			.list();
	}

	/**
	 * @throws IllegalArgumentException for a URL that is not https (or http on loopback
	 * where allowed)
	 */
	@Transactional
	public CreatedWebhook addWebhook(VigilUser admin, Webhook.Kind kind, String url, Severity minSeverity) {
		requireAdmin(admin);
		var target = addresses.saved(url);
		var bytes = new byte[32];
		random.nextBytes(bytes);
		var secret = new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into webhook (id, organization_id, kind, url, secret, min_severity, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, admin.organizationId().value(), kind.name(), target.toString(),
					sealing.seal(secret, context(id)), minSeverity.name(), admin.email(),
					Timestamp.from(clock.instant()))
			.update();
		audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_WEBHOOK_ADDED, target.getHost(),
				"success", Map.of("kind", kind.name(), "minSeverity", minSeverity.name()));
		return new CreatedWebhook(new Webhook(id, kind, target.toString(), minSeverity, null, null), secret);
	}

	@Transactional
	public boolean removeWebhook(VigilUser admin, UUID id) {
		requireAdmin(admin);
		var removed = jdbc.sql("delete from webhook where organization_id = ? and id = ?")
			.params(admin.organizationId().value(), id)
			.update() == 1;
		if (removed) {
			audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_WEBHOOK_REMOVED, id.toString(),
					"success", Map.of());
		}
		return removed;
	}

	/**
	 * Queues a test message to a webhook; the worker sends it within seconds and records
	 * how it went.
	 */
	@Transactional
	public boolean sendTest(VigilUser admin, UUID id) {
		requireAdmin(admin);
		var webhook = webhooks(admin.organizationId()).stream().filter(found -> found.id().equals(id)).findFirst();
		if (webhook.isEmpty()) {
			return false;
		}
		var now = clock.instant();
		outbox.enqueue(admin.organizationId(), null, null, "WEBHOOK", id.toString(), "TEST", "Test from Vigil",
				WebhookPayloads.test(webhook.get().kind(), admin.email()), null, false, now, now);
		return true;
	}

	/** The signing secret and target of a webhook, for the worker. */
	record WebhookTarget(UUID id, Webhook.Kind kind, URI url, Secret secret) {
	}

	Optional<WebhookTarget> target(UUID id) {
		return jdbc.sql("select id, kind, url, secret from webhook where id = ?")
			.param(id)
			.query((rs, row) -> new WebhookTarget(id, Webhook.Kind.valueOf(rs.getString("kind")),
					URI.create(rs.getString("url")), sealing.open(rs.getBytes("secret"), context(id))))
			.optional();
	}

	void recordDelivery(UUID webhook, String status) {
		jdbc.sql("update webhook set last_status = ?, last_at = ? where id = ?")
			.params(status, Timestamp.from(clock.instant()), webhook)
			.update();
	}

	private static void requireAdmin(VigilUser admin) {
		if (admin.role() != Role.ORG_ADMIN) {
			throw new AccessDeniedException("Only organization admins set who hears of incidents");
		}
	}

	private static String context(UUID webhook) {
		return "webhook:" + webhook;
	}

}
