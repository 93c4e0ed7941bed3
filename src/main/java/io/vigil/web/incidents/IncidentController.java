package io.vigil.web.incidents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.incidents.ChecklistWalk;
import io.vigil.incidents.Incident;
import io.vigil.incidents.Incidents;
import io.vigil.response.ActionResult;
import io.vigil.response.ResponseAction;
import io.vigil.response.ResponseActions;
import io.vigil.security.VigilUser;
import io.vigil.tenants.ManagedTenants;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An incident: what happened, the account, the matching sign-ins with their evidence, the
 * checklist as a guided path, the actions taken, and the timeline. Actions need a
 * confirmation that states what will change, and carry an idempotency key made with it,
 * so a double click or a resent form acts once.
 */
@Controller
class IncidentController {

	/**
	 * The checklist's action names that map to one-click response actions on the account.
	 */
	private static final Map<String, ResponseAction> ACTIONS;

	static {
		// in the order a responder contains an account, which is the order the page lists
		// them in
		var actions = new java.util.LinkedHashMap<String, ResponseAction>();
		actions.put("block-sign-in", ResponseAction.BLOCK_SIGN_IN);
		actions.put("revoke-sessions", ResponseAction.REVOKE_SESSIONS);
		actions.put("reset-password", ResponseAction.RESET_PASSWORD);
		actions.put("unblock-sign-in", ResponseAction.UNBLOCK_SIGN_IN);
		ACTIONS = java.util.Collections.unmodifiableMap(actions);
	}

	/**
	 * The checklist's action names that open a review of the account's methods or rules,
	 * where some are picked.
	 */
	private static final Map<String, String> REVIEWS = Map.of("remove-authentication-methods",
			"Review authentication methods", "list-inbox-rules", "Review inbox rules");

	private final Incidents incidents;

	private final ResponseActions actions;

	private final ManagedTenants tenants;

	private final VisibleIncidents visibleIncidents;

	private final io.vigil.notification.Notifications notifications;

	private final AssignablePeople people;

	private final io.vigil.detection.RuleCatalog rules;

	private final io.vigil.incidents.AccountTrail trail;

	IncidentController(Incidents incidents, ResponseActions actions, ManagedTenants tenants,
			VisibleIncidents visibleIncidents, io.vigil.notification.Notifications notifications,
			AssignablePeople people, io.vigil.detection.RuleCatalog rules, io.vigil.incidents.AccountTrail trail) {
		this.trail = trail;
		this.people = people;
		this.rules = rules;
		this.notifications = notifications;
		this.incidents = incidents;
		this.actions = actions;
		this.tenants = tenants;
		this.visibleIncidents = visibleIncidents;
	}

	@GetMapping("/incidents/{id}")
	String detail(VigilUser user, @PathVariable UUID id, Model model) {
		var incident = visible(user, id);
		model.addAttribute("user", user);
		model.addAttribute("incident", incident);
		model.addAttribute("tenant",
				tenants.find(user.organizationId(), incident.managedTenantId())
					.map(tenant -> tenant.displayName())
					.orElse("?"));
		model.addAttribute("signIns", incidents.signIns(user.organizationId(), id));
		model.addAttribute("activityEvidence", incidents.activities(user.organizationId(), id));
		var accountTrail = trail.of(incident);
		model.addAttribute("trail", accountTrail);
		model.addAttribute("trailMarked",
				accountTrail.stream().filter(io.vigil.incidents.AccountTrail.Entry::marked).toList());
		model.addAttribute("walk", ChecklistWalk.of(incident.checklist(), incident.checklistState()));
		model.addAttribute("actions", actions.forIncident(user, id));
		model.addAttribute("available", ACTIONS);
		model.addAttribute("reviews", REVIEWS);
		model.addAttribute("statuses", io.vigil.incidents.IncidentStatus.values());
		var assignable = user.mayAct() ? people.of(user) : java.util.List.<AssignablePeople.Assignable>of();
		model.addAttribute("people", assignable);
		var timeline = incidents.timeline(user.organizationId(), id);
		var names = new java.util.HashMap<String, String>();
		assignable.forEach(person -> names.put(person.email(), person.name()));
		model.addAttribute("timeline",
				TimelineSentences.of(timeline, email -> names.getOrDefault(email, email), incident.checklist()));
		model.addAttribute("assigneeName",
				incident.assignee() == null ? null : names.getOrDefault(incident.assignee(), incident.assignee()));
		model.addAttribute("rule",
				rules.catalogue(user.organizationId())
					.stream()
					.filter(rule -> rule.id().equals(incident.ruleId()))
					.findFirst()
					.orElse(null));
		model.addAttribute("related", incidents.related(user.organizationId(), incident, user.tenantScope()));
		var blocked = AccountState.blocked(timeline);
		model.addAttribute("accountBlocked", blocked);
		model.addAttribute("offered", offered(blocked));
		model.addAttribute("proposedClose", proposedClose(timeline));
		model.addAttribute("signInErrors", new SignInErrors());
		var checked = AccountCheck.latest(timeline);
		model.addAttribute("accountCheck", checked);
		model.addAttribute("notifications", notifications.forIncident(user.organizationId(), id));
		model.addAttribute("watchedUntil", incidents.watchedUntil(user.organizationId(), id).orElse(null));
		model.addAttribute("vpnProposal",
				VerdictController.vpnProposal(incident, timeline, incidents.signIns(user.organizationId(), id)));
		model.addAttribute("customerVerdict",
				timeline.stream()
					.filter(entry -> entry.kind().equals("customer-verdict"))
					.reduce((first, second) -> second)
					.orElse(null));
		model.addAttribute("privileged", actions.forIncident(user, id).stream().anyMatch(r -> r.targetPrivileged())
				|| checked != null && checked.privileged());
		return "incidents/detail";
	}

	@PostMapping("/incidents/{id}/checklist/{step}")
	String answer(VigilUser user, @PathVariable UUID id, @PathVariable String step, @RequestParam String answer,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		visible(user, id);
		try {
			incidents.answerChecklist(user.organizationId(), id, step, answer, note, user.email());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("checklistError", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

	@PostMapping("/incidents/{id}/comments")
	String comment(VigilUser user, @PathVariable UUID id, @RequestParam String text, RedirectAttributes redirect) {
		visible(user, id);
		try {
			incidents.comment(user.organizationId(), id, text, user.email());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("commentError", ex.getMessage());
		}
		return "redirect:/incidents/" + id;
	}

	/**
	 * Assigns to one of the organization's people (the picker's choice), or unassigns
	 * with an empty choice.
	 */
	@PostMapping("/incidents/{id}/assignee")
	String assign(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "") String assignee,
			RedirectAttributes redirect) {
		visible(user, id);
		if (assignee.isBlank()) {
			incidents.assign(user.organizationId(), id, null, user.email());
		}
		else {
			people.find(user, assignee)
				.ifPresentOrElse(person -> incidents.assign(user.organizationId(), id, person.email(), user.email()),
						() -> redirect.addFlashAttribute("assignError",
								"Choose someone of your organization who may work on incidents."));
		}
		return "redirect:/incidents/" + id;
	}

	@PostMapping("/incidents/{id}/status")
	String status(VigilUser user, @PathVariable UUID id, @RequestParam io.vigil.incidents.IncidentStatus status,
			@RequestParam(defaultValue = "") String reason) {
		visible(user, id);
		incidents.changeStatus(user.organizationId(), id, status, user.email(),
				reason.length() > 2000 ? reason.substring(0, 2000) : reason);
		return "redirect:/incidents/" + id;
	}

	/**
	 * The account actions to offer: unblocking only when the account is blocked, blocking
	 * only when it is not.
	 */
	private static Map<String, ResponseAction> offered(@Nullable Boolean blocked) {
		var offered = new java.util.LinkedHashMap<String, ResponseAction>(ACTIONS);
		if (Boolean.TRUE.equals(blocked)) {
			offered.remove("block-sign-in");
		}
		else {
			offered.remove("unblock-sign-in");
		}
		return offered;
	}

	/**
	 * With the checklist done: resolved when containment succeeded, dismissed as benign
	 * otherwise.
	 */
	private static io.vigil.incidents.IncidentStatus proposedClose(List<io.vigil.incidents.TimelineEntry> timeline) {
		return timeline.stream()
			.anyMatch(entry -> entry.kind().equals("action") && "success".equals(entry.detail().get("outcome")))
					? io.vigil.incidents.IncidentStatus.RESOLVED : io.vigil.incidents.IncidentStatus.DISMISSED_BENIGN;
	}

	/**
	 * Reads the account from Graph now (roles, enabled) and keeps the answer on the
	 * timeline.
	 */
	@PostMapping("/incidents/{id}/account-check")
	String checkAccount(VigilUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		var incident = visible(user, id);
		if (incident.accountId() == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var reading = actions.checkAccount(user, incident.managedTenantId(), incident.accountId(), id);
		if (reading.failed()) {
			redirect.addFlashAttribute("reviewError", "Could not read the account: " + reading.failure());
		}
		return "redirect:/incidents/" + id;
	}

	@GetMapping("/incidents/{id}/actions/{action}/confirm")
	String confirm(VigilUser user, @PathVariable UUID id, @PathVariable String action, Model model) {
		var incident = visible(user, id);
		var responseAction = ACTIONS.get(action);
		if (responseAction == null || incident.accountId() == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("user", user);
		model.addAttribute("incident", incident);
		model.addAttribute("action", responseAction);
		model.addAttribute("tenant",
				tenants.find(user.organizationId(), incident.managedTenantId())
					.map(tenant -> tenant.displayName())
					.orElse("?"));
		model.addAttribute("key", UUID.randomUUID().toString());
		return "incidents/confirm";
	}

	@PostMapping("/incidents/{id}/actions")
	String act(VigilUser user, @PathVariable UUID id, @RequestParam ResponseAction action, @RequestParam String key,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		var incident = visible(user, id);
		if (incident.accountId() == null || action.needsSubject()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var result = actions.execute(user, incident.managedTenantId(), incident.accountId(), action, null, id,
				user.id() + ":" + key);
		return show(user, incident, result, model, response, redirect);
	}

	@PostMapping("/incidents/{id}/actions/{actionId}/approve")
	String approve(VigilUser user, @PathVariable UUID id, @PathVariable UUID actionId, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var incident = visible(user, id);
		if (actions.forIncident(user, id).stream().noneMatch(record -> record.id().equals(actionId))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		try {
			return show(user, incident, actions.approve(user, actionId), model, response, redirect);
		}
		catch (AccessDeniedException ex) {
			redirect.addFlashAttribute("approvalError", ex.getMessage());
			return "redirect:/incidents/" + id;
		}
	}

	/**
	 * A password reset's one-time password is rendered in this response and nowhere else:
	 * not in a redirect's flash (the session), not in a cache. Reloading resends the
	 * form, whose idempotency key returns the record only.
	 */
	private String show(VigilUser user, Incident incident, ActionResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (result.record().action() == ResponseAction.RESET_PASSWORD) {
			response.setHeader("Cache-Control", "no-store");
			model.addAttribute("user", user);
			model.addAttribute("incident", incident);
			model.addAttribute("result", result);
			return "incidents/password";
		}
		redirect.addFlashAttribute("outcomes", List.of(result.record()));
		return "redirect:/incidents/" + incident.id();
	}

	private Incident visible(VigilUser user, UUID id) {
		return visibleIncidents.find(user, id);
	}

}
