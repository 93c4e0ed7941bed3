package io.vigil.response;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.graph.DirectoryActions;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphException;
import io.vigil.incidents.Incidents;
import io.vigil.security.AuditLog;
import io.vigil.security.VigilUser;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Containment actions, guarded here and not only in the web layer: the person must be a responder or admin of the
 * tenant's organization, allowed on that tenant; the same idempotency key never executes twice; a target holding an
 * administrator role waits for a second person's approval. Every step goes to the audit log, and the outcome to the
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

	ResponseActions(ActionRepository actions, ManagedTenants tenants, DirectoryActions directory, AuditLog audit,
			Incidents incidents, Clock clock) {
		this.actions = actions;
		this.tenants = tenants;
		this.directory = directory;
		this.audit = audit;
		this.incidents = incidents;
		this.clock = clock;
	}

	/**
	 * @param idempotencyKey chosen by the caller per intended action (the form's token): repeating it returns the
	 * first outcome without calling Graph again
	 * @throws AccessDeniedException when the person may not act on this tenant
	 */
	public ActionRecord execute(VigilUser actor, ManagedTenantId tenant, String targetUserId, ResponseAction action,
			@Nullable UUID incident, String idempotencyKey) {
		var credentials = authorize(actor, tenant);
		var id = UUID.randomUUID();
		if (!actions.claim(id, actor.organizationId(), tenant, incident, idempotencyKey, action, targetUserId,
				actor.email(), clock.instant())) {
			return actions.byKey(actor.organizationId(), idempotencyKey).orElseThrow();
		}
		var target = describe(id, credentials, targetUserId);
		if (target != null && target.privileged()) {
			actions.finish(id, ActionRecord.Status.AWAITING_APPROVAL,
					target.userPrincipalName() + " holds " + String.join(", ", target.directoryRoles())
							+ ": a second person must approve",
					null, null);
			log(actor, tenant, incident, id, action, target.userPrincipalName(), "awaiting-approval", null);
			return actions.find(actor.organizationId(), id).orElseThrow();
		}
		return carryOut(actor, credentials, tenant, incident, id, action, targetUserId, null);
	}

	/** A second person approves an action on an administrator; it is carried out then. */
	public ActionRecord approve(VigilUser approver, UUID actionId) {
		var pending = actions.find(approver.organizationId(), actionId)
			.orElseThrow(() -> new IllegalArgumentException("No such action"));
		var credentials = authorize(approver, pending.tenant());
		if (pending.requestedBy().equalsIgnoreCase(approver.email())) {
			throw new AccessDeniedException("The second approval must come from another person");
		}
		if (!actions.takeForApproval(approver.organizationId(), actionId)) {
			return actions.find(approver.organizationId(), actionId).orElseThrow();
		}
		return carryOut(approver, credentials, pending.tenant(), pending.incident(), actionId, pending.action(),
				pending.targetUserId(), approver.email());
	}

	public List<ActionRecord> forIncident(VigilUser viewer, UUID incident) {
		return actions.forIncident(viewer.organizationId(), incident).stream()
			.filter(record -> viewer.maySee(record.tenant()))
			.toList();
	}

	private GraphCredentials authorize(VigilUser actor, ManagedTenantId tenant) {
		if (!actor.mayAct() || !actor.maySee(tenant)) {
			audit.record(actor.organizationId(), actor.email(), "response.refused", tenant.value().toString(),
					"refused", Map.of("reason", "role " + actor.role() + " may not act on this tenant"));
			throw new AccessDeniedException("Only responders and admins of this tenant may take actions");
		}
		return tenants.graphCredentials(actor.organizationId(), tenant)
			.orElseThrow(() -> new IllegalArgumentException("No such connected tenant"));
	}

	private io.vigil.graph.@Nullable DirectoryUser describe(UUID id, GraphCredentials credentials, String userId) {
		try {
			var user = directory.user(credentials, userId);
			actions.describeTarget(id, user.userPrincipalName(), user.privileged());
			return user;
		}
		catch (GraphException ex) {
			// without reading the user (or their roles) the action is still tried; Graph decides
			org.slf4j.LoggerFactory.getLogger(ResponseActions.class)
				.warn("Could not read user {} before acting: {}", userId, ex.getMessage());
			return null;
		}
	}

	private ActionRecord carryOut(VigilUser actor, GraphCredentials credentials, ManagedTenantId tenant,
			@Nullable UUID incident, UUID id, ResponseAction action, String userId, @Nullable String approvedBy) {
		log(actor, tenant, incident, id, action, userId, "started", null);
		try {
			switch (action) {
				case REVOKE_SESSIONS -> directory.revokeSessions(credentials, userId);
				case BLOCK_SIGN_IN -> directory.setAccountEnabled(credentials, userId, false);
				case UNBLOCK_SIGN_IN -> directory.setAccountEnabled(credentials, userId, true);
			}
			actions.finish(id, ActionRecord.Status.SUCCEEDED, null, approvedBy, clock.instant());
			log(actor, tenant, incident, id, action, userId, "success", null);
		}
		catch (GraphException ex) {
			var reason = reason(ex);
			actions.finish(id, ActionRecord.Status.FAILED, reason, approvedBy, clock.instant());
			log(actor, tenant, incident, id, action, userId, "failure", reason);
		}
		return actions.find(actor.organizationId(), id).orElseThrow();
	}

	private static String reason(GraphException ex) {
		if (ex instanceof GraphAccessDenied denied) {
			return "Microsoft Graph refused (" + denied.graphCode() + "): " + denied.getMessage()
					+ " The app lacks the permission, or the user is an administrator the app may not change.";
		}
		return ex.getMessage();
	}

	private void log(VigilUser actor, ManagedTenantId tenant, @Nullable UUID incident, UUID id,
			ResponseAction action, String target, String outcome, @Nullable String reason) {
		var detail = new LinkedHashMap<String, Object>();
		detail.put("action", action.name());
		detail.put("actionId", id.toString());
		detail.put("tenant", tenant.value().toString());
		if (reason != null) {
			detail.put("reason", reason);
		}
		audit.record(actor.organizationId(), actor.email(), "response." + action.name().toLowerCase(), target, outcome,
				detail);
		if (incident != null && !outcome.equals("started")) {
			detail.put("target", target);
			detail.put("outcome", outcome);
			incidents.recordOnTimeline(actor.organizationId(), incident, actor.email(), "action", detail);
		}
	}

}
