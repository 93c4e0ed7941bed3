package io.vigil.notification;

import io.vigil.security.AuditAction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.StageLag;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What was sent about an incident, and sending a message again. */
@Service
public class Notifications {

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	private final NotificationSettings settings;

	Notifications(Outbox outbox, AuditLog audit, Clock clock, NotificationSettings settings) {
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * How long a sent message about no incident stays in the outbox (those about an
	 * incident stay as long as it).
	 */
	public java.time.Duration keepSent() {
		return settings.keepSent();
	}

	@Transactional(readOnly = true)
	public List<NotificationRecord> forIncident(OrganizationId organization, UUID incident) {
		return outbox.forIncident(organization, incident);
	}

	/**
	 * The notification stage for the tenant: the lag of messages sent since {@code since}
	 * (due to sent, so quiet hours do not count) and how many wait or failed for good
	 * ({@code PENDING}, {@code FAILED}).
	 */
	@Transactional(readOnly = true)
	public Delivery delivery(OrganizationId organization, ManagedTenantId tenant, Instant since) {
		var undelivered = outbox.undelivered(organization, tenant);
		return new Delivery(outbox.deliveryLag(organization, tenant, since), undelivered.getOrDefault("PENDING", 0L),
				undelivered.getOrDefault("FAILED", 0L));
	}

	public record Delivery(StageLag lag, long waiting, long failed) {
	}

	/**
	 * Queues a copy of a message (an organization admin's "resend"); false when there is
	 * no such message.
	 */
	@Transactional
	public boolean resend(VigilUser admin, UUID notification) {
		if (admin.role() != Role.ORG_ADMIN) {
			throw new AccessDeniedException("Only organization admins send messages again");
		}
		var queued = outbox.requeue(admin.organizationId(), notification, clock.instant());
		if (queued) {
			audit.record(admin.organizationId(), admin.email(), AuditAction.NOTIFICATION_RESENT,
					notification.toString(), "success", Map.of());
		}
		return queued;
	}

}
