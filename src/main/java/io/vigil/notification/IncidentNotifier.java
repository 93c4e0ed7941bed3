package io.vigil.notification;

import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.incidents.CustomerVerdict;
import io.vigil.incidents.Incident;
import io.vigil.incidents.IncidentOpened;
import io.vigil.incidents.IncidentUpdated;
import io.vigil.incidents.Incidents;
import io.vigil.security.Accounts;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns incident changes into messages in the outbox, in the transaction of the change (a
 * synchronous listener: the change and its messages commit together or not at all). One
 * message per recipient, incident and change, never one per matching sign-in: the
 * incident is opened once, and later matches change nothing anyone is told of. The MSP's
 * team hears of every change; customers of what concerns them, with answer links when an
 * answer is wanted.
 */
@Component
class IncidentNotifier {

	private static final Set<String> FOR_CUSTOMERS = Set.of("OPENED", "REOPENED", "CONTAINED", "CLOSED",
			"CUSTOMER_REVIEW_DECIDED");

	private static final Set<String> ASKING = Set.of("OPENED", "REOPENED");

	/** Changes the incident's assignee hears of directly, whatever the routes say. */
	private static final Set<String> FOR_ASSIGNEE = Set.of("CONTAINMENT_BREACHED", "CUSTOMER_REVIEW_REQUESTED",
			"CONFIRMED_BY_CUSTOMER", "USER_ANSWERED");

	private final Incidents incidents;

	private final ManagedTenants tenants;

	private final NotificationRouting routing;

	private final Accounts accounts;

	private final Outbox outbox;

	private final MailComposer mail;

	private final AnswerLinks links;

	private final NotificationSettings settings;

	private final Clock clock;

	IncidentNotifier(Incidents incidents, ManagedTenants tenants, NotificationRouting routing, Accounts accounts,
			Outbox outbox, MailComposer mail, AnswerLinks links, NotificationSettings settings, Clock clock) {
		this.incidents = incidents;
		this.tenants = tenants;
		this.routing = routing;
		this.accounts = accounts;
		this.outbox = outbox;
		this.mail = mail;
		this.links = links;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void on(IncidentOpened opened) {
		tell(opened.organizationId(), opened.managedTenantId(), opened.incidentId(), opened.severity(), "OPENED", "");
	}

	@EventListener
	void on(IncidentUpdated updated) {
		tell(updated.organizationId(), updated.managedTenantId(), updated.incidentId(), updated.severity(),
				updated.change().name(), updated.note());
	}

	private void tell(OrganizationId organization, ManagedTenantId tenant, UUID incidentId, Severity severity,
			String change, String note) {
		var incident = incidents.find(organization, incidentId).orElse(null);
		if (incident == null) {
			return;
		}
		var tenantName = tenants.find(organization, tenant).map(found -> found.displayName()).orElse("?");
		// read once for every recipient of this change
		var signIns = incidents.signIns(organization, incidentId);
		var timeline = incidents.timeline(organization, incidentId);
		var now = clock.instant();
		var release = severity.compareTo(Severity.MEDIUM) < 0 ? routing.quietHours(organization).release(now) : now;
		var told = new LinkedHashSet<String>();
		for (var route : routing.routes(organization)) {
			if (!route.covers(tenant, severity)
					|| route.audience() == Route.Audience.CUSTOMER && !FOR_CUSTOMERS.contains(change)) {
				continue;
			}
			var digest = route.delivery() == Route.Delivery.DIGEST;
			var notBefore = digest ? nextDigest(now) : release;
			for (var recipient : recipients(route, organization, tenant)) {
				if (!told.add(route.audience() + "|" + recipient.toLowerCase(Locale.ROOT))) {
					continue;
				}
				var message = route.audience() == Route.Audience.CUSTOMER
						? customer(incident, tenantName, signIns, timeline, change, note, recipient)
						: mail.msp(incident, tenantName, signIns, change, note, Locale.ENGLISH);
				outbox.enqueue(organization, tenant, incidentId, "EMAIL", recipient, change, message.subject(),
						message.text(), message.html(), digest, notBefore, now);
			}
		}
		var assignee = incident.assignee();
		if (FOR_ASSIGNEE.contains(change) && assignee != null && assignee.contains("@")
				&& told.add(Route.Audience.MSP + "|" + assignee.toLowerCase(Locale.ROOT))) {
			var message = mail.msp(incident, tenantName, signIns, change, note, Locale.ENGLISH);
			outbox.enqueue(organization, tenant, incidentId, "EMAIL", assignee, change, message.subject(),
					message.text(), message.html(), false, now, now);
		}
		var url = settings.baseUrl().toString().replaceAll("/+$", "") + "/incidents/" + incidentId;
		for (var webhook : routing.webhooks(organization)) {
			if (severity.compareTo(webhook.minSeverity()) >= 0) {
				outbox.enqueue(organization, tenant, incidentId, "WEBHOOK", webhook.id().toString(), change,
						incident.ruleTitle() + ": " + change,
						WebhookPayloads.body(webhook.kind(), incident, tenantName, change, note, url), null, false, now,
						now);
			}
		}
	}

	private MailComposer.Mail customer(Incident incident, String tenantName,
			java.util.List<io.vigil.incidents.IncidentSignIn> signIns,
			java.util.List<io.vigil.incidents.TimelineEntry> timeline, String change, String note, String recipient) {
		var answers = new EnumMap<CustomerVerdict, URI>(CustomerVerdict.class);
		if (ASKING.contains(change)) {
			for (var answer : CustomerVerdict.values()) {
				answers.put(answer,
						links.issue(incident.organizationId(), incident.id(), recipient, LinkAnswer.of(answer)));
			}
		}
		return mail.customer(incident, tenantName, signIns, timeline, change, note, answers, Locale.ENGLISH);
	}

	private java.util.List<String> recipients(Route route, OrganizationId organization, ManagedTenantId tenant) {
		return route.recipient().equals(Route.TENANT_ADMINS) ? accounts.tenantAdminEmails(organization, tenant)
				: java.util.List.of(route.recipient());
	}

	private java.time.Instant nextDigest(java.time.Instant now) {
		var interval = settings.digestInterval().toMillis();
		return java.time.Instant.ofEpochMilli((now.toEpochMilli() / interval + 1) * interval);
	}

}
