package io.vigil.response;

import io.vigil.security.AuditAction;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.AuthenticationMethodKind;
import io.vigil.graph.DirectoryActions;
import io.vigil.graph.DirectoryUser;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphException;
import io.vigil.graph.GraphRequestRefused;
import io.vigil.graph.GraphRetryLater;
import io.vigil.graph.InboxRule;
import io.vigil.incidents.Incidents;
import io.vigil.security.AuditLog;
import io.vigil.security.VigilUser;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Containment actions, guarded here and not only in the web layer: the person must be a
 * responder or admin of the tenant's organization, allowed on that tenant; the same
 * idempotency key never executes twice; a target holding an administrator role waits for
 * a second person's approval. Every step goes to the audit log, and the outcome to the
 * incident's timeline; a failure is recorded as a failure with Graph's reason in words.
 */
@Service
public class ResponseActions {

	private final ActionRepository actions;

	private final ManagedTenants tenants;

	private final DirectoryActions directory;

	private final AuditLog audit;

	private final Incidents incidents;

	private final Clock clock;

	private final TemporaryPasswords passwords = new TemporaryPasswords();

	private final io.micrometer.core.instrument.MeterRegistry registry;

	ResponseActions(ActionRepository actions, ManagedTenants tenants, DirectoryActions directory, AuditLog audit,
			Incidents incidents, Clock clock, io.micrometer.core.instrument.MeterRegistry registry) {
		this.registry = registry;
		this.actions = actions;
		this.tenants = tenants;
		this.directory = directory;
		this.audit = audit;
		this.incidents = incidents;
		this.clock = clock;
	}

	/**
	 * @param subject the method or rule to change, for actions that
	 * {@linkplain ResponseAction#needsSubject() need one}
	 * @param idempotencyKey chosen by the caller per intended action (the form's token):
	 * repeating it returns the first outcome without calling Graph again (and, for a
	 * password reset, without the password)
	 * @throws AccessDeniedException when the person may not act on this tenant
	 */
	public ActionResult execute(VigilUser actor, ManagedTenantId tenant, String targetUserId, ResponseAction action,
			@Nullable ActionSubject subject, @Nullable UUID incident, String idempotencyKey) {
		if (action.needsSubject() != (subject != null)) {
			throw new IllegalArgumentException(
					action.label() + (subject == null ? " needs" : " takes no") + " method or rule to act on");
		}
		var credentials = authorize(actor, tenant);
		var id = UUID.randomUUID();
		if (!actions.claim(id, actor.organizationId(), tenant, incident, idempotencyKey, action, targetUserId, subject,
				actor.email(), clock.instant())) {
			return new ActionResult(actions.byKey(actor.organizationId(), idempotencyKey).orElseThrow(), null);
		}
		var target = describe(id, credentials, targetUserId);
		if (target != null && target.privileged()) {
			actions.finish(
					id, ActionRecord.Status.AWAITING_APPROVAL, target.userPrincipalName() + " holds "
							+ String.join(", ", target.directoryRoles()) + ": a second person must approve",
					null, null);
			var pending = actions.find(actor.organizationId(), id).orElseThrow();
			log(actor, pending, "awaiting-approval", null);
			return new ActionResult(pending, null);
		}
		return carryOut(actor, credentials, actions.find(actor.organizationId(), id).orElseThrow(), null);
	}

	/** A second person approves an action on an administrator; it is carried out then. */
	public ActionResult approve(VigilUser approver, UUID actionId) {
		var pending = actions.find(approver.organizationId(), actionId)
			.orElseThrow(() -> new IllegalArgumentException("No such action"));
		var credentials = authorize(approver, pending.tenant());
		if (pending.requestedBy().equalsIgnoreCase(approver.email())) {
			throw new AccessDeniedException("The second approval must come from another person");
		}
		if (!actions.takeForApproval(approver.organizationId(), actionId)) {
			return new ActionResult(actions.find(approver.organizationId(), actionId).orElseThrow(), null);
		}
		return carryOut(approver, credentials, pending, approver.email());
	}

	/**
	 * The user's registered authentication methods, read from Graph for a responder
	 * deciding what to remove. The read is audited: it shows how the person signs in.
	 */
	public GraphReading<AuthenticationMethod> authenticationMethods(VigilUser actor, ManagedTenantId tenant,
			String userId) {
		return read(actor, tenant, userId, AuditAction.RESPONSE_READ_AUTHENTICATION_METHODS,
				directory::authenticationMethods);
	}

	/**
	 * Reads the account from Graph (enabled, administrator roles) and, for an incident,
	 * records what was found on its timeline, so the incident page knows from then on
	 * whether the account is privileged. Audited.
	 */
	public GraphReading<DirectoryUser> checkAccount(VigilUser actor, ManagedTenantId tenant, String userId,
			@Nullable UUID incident) {
		var reading = read(actor, tenant, userId, AuditAction.RESPONSE_READ_ACCOUNT,
				(credentials, id) -> List.of(directory.user(credentials, id)));
		if (incident != null && !reading.failed()) {
			var user = reading.items().getFirst();
			var detail = new LinkedHashMap<String, Object>();
			detail.put("upn", user.userPrincipalName());
			detail.put("accountEnabled", user.accountEnabled());
			detail.put("directoryRoles", user.directoryRoles());
			incidents.recordOnTimeline(actor.organizationId(), incident, actor.email(), "account-checked", detail);
		}
		return reading;
	}

	/**
	 * The user's Inbox rules, read from Graph for a responder looking for forwarding and
	 * hiding rules. Audited.
	 */
	public GraphReading<InboxRule> inboxRules(VigilUser actor, ManagedTenantId tenant, String userId) {
		return read(actor, tenant, userId, AuditAction.RESPONSE_READ_INBOX_RULES, directory::inboxRules);
	}

	private <T> GraphReading<T> read(VigilUser actor, ManagedTenantId tenant, String userId, AuditAction what,
			BiFunction<GraphCredentials, String, List<T>> reading) {
		var credentials = authorize(actor, tenant);
		try {
			var items = reading.apply(credentials, userId);
			audit.record(actor.organizationId(), actor.email(), what, userId, "success",
					Map.of("tenant", tenant.value().toString(), "count", items.size()));
			return new GraphReading<>(items, null);
		}
		catch (GraphException ex) {
			var reason = reason(ex);
			audit.record(actor.organizationId(), actor.email(), what, userId, "failure",
					Map.of("tenant", tenant.value().toString(), "reason", reason));
			return new GraphReading<>(List.of(), reason);
		}
	}

	public List<ActionRecord> forIncident(VigilUser viewer, UUID incident) {
		return actions.forIncident(viewer.organizationId(), incident)
			.stream()
			.filter(record -> viewer.maySee(record.tenant()))
			.toList();
	}

	private GraphCredentials authorize(VigilUser actor, ManagedTenantId tenant) {
		if (!actor.mayAct() || !actor.maySee(tenant)) {
			audit.record(actor.organizationId(), actor.email(), AuditAction.RESPONSE_REFUSED, tenant.value().toString(),
					"refused", Map.of("reason", "role " + actor.role() + " may not act on this tenant"));
			throw new AccessDeniedException("Only responders and admins of this tenant may take actions");
		}
		return tenants.graphCredentials(actor.organizationId(), tenant)
			.orElseThrow(() -> new IllegalArgumentException("No such connected tenant"));
	}

	private @Nullable DirectoryUser describe(UUID id, GraphCredentials credentials, String userId) {
		try {
			var user = directory.user(credentials, userId);
			actions.describeTarget(id, user.userPrincipalName(), user.privileged());
			return user;
		}
		catch (GraphException ex) {
			// without reading the user (or their roles) the action is still tried; Graph
			// decides
			org.slf4j.LoggerFactory.getLogger(ResponseActions.class)
				.warn("Could not read user {} before acting: {}", userId, ex.getMessage());
			return null;
		}
	}

	private ActionResult carryOut(VigilUser actor, GraphCredentials credentials, ActionRecord action,
			@Nullable String approvedBy) {
		log(actor, action, "started", null);
		Secret password = null;
		try {
			password = perform(credentials, action);
			actions.finish(action.id(), ActionRecord.Status.SUCCEEDED, null, approvedBy, clock.instant());
			log(actor, action, "success", null);
		}
		catch (GraphException ex) {
			password = null;
			var reason = reason(ex);
			actions.finish(action.id(), ActionRecord.Status.FAILED, reason, approvedBy, clock.instant());
			log(actor, action, "failure", reason);
		}
		return new ActionResult(actions.find(actor.organizationId(), action.id()).orElseThrow(), password);
	}

	/**
	 * Calls Graph; returns the one-time password of a reset, nothing for the other
	 * actions.
	 */
	private @Nullable Secret perform(GraphCredentials credentials, ActionRecord action) {
		var userId = action.targetUserId();
		switch (action.action()) {
			case REVOKE_SESSIONS -> directory.revokeSessions(credentials, userId);
			case BLOCK_SIGN_IN -> directory.setAccountEnabled(credentials, userId, false);
			case UNBLOCK_SIGN_IN -> directory.setAccountEnabled(credentials, userId, true);
			case RESET_PASSWORD -> {
				var password = passwords.next();
				directory.resetPassword(credentials, userId, password);
				return password;
			}
			case REMOVE_AUTHENTICATION_METHOD -> directory.removeAuthenticationMethod(credentials, userId,
					AuthenticationMethodKind.valueOf(String.valueOf(subject(action).kind())), subject(action).id());
			case DISABLE_INBOX_RULE -> directory.disableInboxRule(credentials, userId, subject(action).id());
		}
		return null;
	}

	private static ActionSubject subject(ActionRecord action) {
		return java.util.Objects.requireNonNull(action.subject(), "the action names no method or rule");
	}

	/**
	 * Graph's answer in words an analyst can act on. Nothing was changed in any of these
	 * cases.
	 */
	private static String reason(GraphException ex) {
		return switch (ex) {
			case GraphAccessDenied denied ->
				"Microsoft Graph refused (" + denied.graphCode() + "): " + denied.getMessage()
						+ " The app lacks the permission, or the user is an administrator the app may not change.";
			case GraphRetryLater throttled ->
				"Microsoft Graph is throttling requests to this tenant; nothing was " + "changed. Try again after "
						+ java.time.format.DateTimeFormatter.ISO_LOCAL_TIME
							.format(throttled.retryAt().atZone(java.time.ZoneOffset.UTC).toLocalTime().withNano(0))
						+ " UTC.";
			case GraphRequestRefused refused ->
				"Microsoft Graph refused the request (" + refused.graphCode() + "): " + refused.getMessage();
			default -> ex.getMessage();
		};
	}

	private void log(VigilUser actor, ActionRecord action, String outcome, @Nullable String reason) {
		var detail = new LinkedHashMap<String, Object>();
		detail.put("action", action.action().name());
		detail.put("actionId", action.id().toString());
		detail.put("tenant", action.tenant().value().toString());
		if (action.subject() != null) {
			detail.put("subject", action.subject().label());
			detail.put("subjectId", action.subject().id());
		}
		if (reason != null) {
			detail.put("reason", reason);
		}
		var target = action.targetUpn() != null ? action.targetUpn() : action.targetUserId();
		audit.record(actor.organizationId(), actor.email(), audited(action.action()), target, outcome, detail);
		if (!outcome.equals("started")) {
			io.micrometer.core.instrument.Counter.builder("vigil.actions")
				.description("Response actions and results")
				.tag("action", action.action().name())
				.tag("outcome", outcome)
				.register(registry)
				.increment();
		}
		if (action.incident() != null && !outcome.equals("started")) {
			detail.put("target", target);
			detail.put("outcome", outcome);
			incidents.recordOnTimeline(actor.organizationId(), action.incident(), actor.email(), "action", detail);
			if (outcome.equals("success") && action.action().contains()) {
				incidents.recordContainment(actor.organizationId(), action.incident(), actor.email(),
						action.action().label() + " for " + target);
			}
		}
	}

	private static AuditAction audited(ResponseAction action) {
		return switch (action) {
			case REVOKE_SESSIONS -> AuditAction.RESPONSE_REVOKE_SESSIONS;
			case BLOCK_SIGN_IN -> AuditAction.RESPONSE_BLOCK_SIGN_IN;
			case UNBLOCK_SIGN_IN -> AuditAction.RESPONSE_UNBLOCK_SIGN_IN;
			case RESET_PASSWORD -> AuditAction.RESPONSE_RESET_PASSWORD;
			case REMOVE_AUTHENTICATION_METHOD -> AuditAction.RESPONSE_REMOVE_AUTHENTICATION_METHOD;
			case DISABLE_INBOX_RULE -> AuditAction.RESPONSE_DISABLE_INBOX_RULE;
		};
	}

}
