package io.vigil.notification;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.security.AuditLog;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.OrganizationId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What was sent about an incident, and sending a message again. */
@Service
public class Notifications {

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	Notifications(Outbox outbox, AuditLog audit, Clock clock) {
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<NotificationRecord> forIncident(OrganizationId organization, UUID incident) {
		return outbox.forIncident(organization, incident);
	}

	/** Queues a copy of a message (an organization admin's "resend"); false when there is no such message. */
	@Transactional
	public boolean resend(VigilUser admin, UUID notification) {
		if (admin.role() != Role.ORG_ADMIN) {
			throw new AccessDeniedException("Only organization admins send messages again");
		}
		var queued = outbox.requeue(admin.organizationId(), notification, clock.instant());
		if (queued) {
			audit.record(admin.organizationId(), admin.email(), "notification.resent", notification.toString(),
					"success", Map.of());
		}
		return queued;
	}

}
