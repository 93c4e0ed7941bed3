package io.vigil.notification;

import io.vigil.security.AuditAction;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.vigil.incidents.Incidents;
import io.vigil.security.AuditLog;
import io.vigil.security.VigilUser;
import io.vigil.shared.ActingAsVigil;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Was this you?": a responder sends the affected user the sign-in's time, place, app and
 * device with Yes / No links. The answer fills the checklist's first step (see
 * {@link Incidents#userAnswered}); no answer within the deadline (4 h by default) goes on
 * the timeline too. Either way the incident's assignee is told.
 */
@Service
public class UserQuestions {

	private final Incidents incidents;

	private final ManagedTenants tenants;

	private final AnswerLinks links;

	private final MailComposer mail;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration deadline;

	private final TransactionTemplate transactions;

	UserQuestions(Incidents incidents, ManagedTenants tenants, AnswerLinks links, MailComposer mail, Outbox outbox,
			JdbcClient jdbc, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
			@Value("${app.notification.user-answer-deadline:PT4H}") Duration deadline) {
		this.incidents = incidents;
		this.tenants = tenants;
		this.links = links;
		this.mail = mail;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.deadline = deadline;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Sends the question to the incident's account.
	 * @return false when there is no such incident for this person
	 * @throws IllegalArgumentException when the incident names no account to ask
	 */
	@Transactional
	public boolean ask(VigilUser responder, UUID incidentId) {
		if (!responder.mayAct()) {
			throw new AccessDeniedException("Only responders ask users");
		}
		var incident = incidents.find(responder.organizationId(), incidentId)
			.filter(found -> responder.maySee(found.managedTenantId()))
			.orElse(null);
		if (incident == null) {
			return false;
		}
		var recipient = incident.accountUpn();
		if (recipient == null || !recipient.contains("@")) {
			throw new IllegalArgumentException("The incident names no account with an address to ask");
		}
		var answers = new EnumMap<LinkAnswer, URI>(LinkAnswer.class);
		for (var answer : new LinkAnswer[] { LinkAnswer.WAS_ME, LinkAnswer.NOT_ME }) {
			answers.put(answer, links.issue(incident.organizationId(), incident.id(), recipient, answer));
		}
		var tenant = tenants.find(incident.organizationId(), incident.managedTenantId())
			.map(t -> t.displayName())
			.orElse("?");
		var message = mail.user(incident, tenant, incidents.signIns(incident.organizationId(), incident.id()), answers,
				Locale.ENGLISH);
		var now = clock.instant();
		outbox.enqueue(incident.organizationId(), incident.managedTenantId(), incident.id(), "EMAIL", recipient,
				"ASKED_USER", message.subject(), message.text(), message.html(), false, now, now);
		jdbc.sql(
				"""
						insert into user_question (id, organization_id, managed_tenant_id, incident_id, recipient, asked_by, asked_at,
						  deadline) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), incident.organizationId().value(), incident.managedTenantId().value(),
					incident.id(), recipient, responder.email(), Timestamp.from(now),
					Timestamp.from(now.plus(deadline)))
			.update();
		incidents.recordOnTimeline(incident.organizationId(), incident.id(), responder.email(), "user-asked",
				Map.of("recipient", recipient, "deadline", now.plus(deadline).toString()));
		audit.record(incident.organizationId(), responder.email(), AuditAction.INCIDENT_USER_ASKED, recipient,
				"success", Map.of("incident", incident.id().toString()));
		return true;
	}

	/**
	 * Questions past their deadline without an answer: each recorded once as unanswered.
	 */
	@Scheduled(fixedDelayString = "${app.notification.user-answer-check:PT1M}")
	void expire() {
		ActingAsVigil.run(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
				update user_question set closed_at = ? where closed_at is null and deadline <= ?
				returning organization_id, incident_id""")
			.params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
			.query((rs, row) -> Map.entry(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
			.list()
			.forEach(open -> incidents.userDidNotAnswer(open.getKey(), open.getValue(), deadline.toString()))));
	}

}
