package io.vigil.web.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.InboxRule;
import io.vigil.incidents.Incident;
import io.vigil.response.ActionRecord;
import io.vigil.response.ActionSubject;
import io.vigil.response.GraphReading;
import io.vigil.response.ResponseAction;
import io.vigil.response.ResponseActions;
import io.vigil.security.VigilUser;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reviews of the incident's account, read live from Graph: its authentication methods
 * (those added since the first suspicious sign-in marked) and its Inbox rules (forwarding
 * and hiding rules marked). The analyst picks some, a confirmation lists exactly those,
 * and each is removed or disabled as its own audited action. What was picked is looked up
 * again at every step, so a stale page cannot act on something that changed meanwhile.
 */
@Controller
class AccountReviewController {

	private final VisibleIncidents incidents;

	private final ResponseActions actions;

	AccountReviewController(VisibleIncidents incidents, ResponseActions actions) {
		this.incidents = incidents;
		this.actions = actions;
	}

	@GetMapping("/incidents/{id}/authentication-methods")
	String methods(VigilUser user, @PathVariable UUID id, Model model) {
		var review = new Review(user, id, Kind.METHODS);
		model.addAllAttributes(review.model(methods(review)));
		return "incidents/methods";
	}

	@GetMapping("/incidents/{id}/inbox-rules")
	String rules(VigilUser user, @PathVariable UUID id, Model model) {
		var review = new Review(user, id, Kind.RULES);
		model.addAllAttributes(review.model(rules(review)));
		return "incidents/rules";
	}

	@GetMapping("/incidents/{id}/authentication-methods/confirm")
	String confirmMethods(VigilUser user, @PathVariable UUID id,
			@RequestParam(name = "pick", required = false) @Nullable List<String> picked, Model model,
			RedirectAttributes redirect) {
		var review = new Review(user, id, Kind.METHODS);
		return confirm(review, subjects(methods(review), picked, AccountReviewController::subject), model, redirect);
	}

	@GetMapping("/incidents/{id}/inbox-rules/confirm")
	String confirmRules(VigilUser user, @PathVariable UUID id,
			@RequestParam(name = "pick", required = false) @Nullable List<String> picked, Model model,
			RedirectAttributes redirect) {
		var review = new Review(user, id, Kind.RULES);
		return confirm(review, subjects(rules(review), picked, AccountReviewController::subject), model, redirect);
	}

	@PostMapping("/incidents/{id}/authentication-methods")
	String removeMethods(VigilUser user, @PathVariable UUID id, @RequestParam(name = "pick") List<String> picked,
			@RequestParam String key, RedirectAttributes redirect) {
		var review = new Review(user, id, Kind.METHODS);
		return act(review, subjects(methods(review), picked, AccountReviewController::subject), key, redirect);
	}

	@PostMapping("/incidents/{id}/inbox-rules")
	String disableRules(VigilUser user, @PathVariable UUID id, @RequestParam(name = "pick") List<String> picked,
			@RequestParam String key, RedirectAttributes redirect) {
		var review = new Review(user, id, Kind.RULES);
		return act(review, subjects(rules(review), picked, AccountReviewController::subject), key, redirect);
	}

	private GraphReading<AuthenticationMethod> methods(Review review) {
		return actions.authenticationMethods(review.user, review.incident.managedTenantId(), review.account());
	}

	private GraphReading<InboxRule> rules(Review review) {
		return actions.inboxRules(review.user, review.incident.managedTenantId(), review.account());
	}

	private String confirm(Review review, List<ActionSubject> subjects, Model model, RedirectAttributes redirect) {
		if (subjects.isEmpty()) {
			redirect.addFlashAttribute("reviewError", review.kind.nothingPicked);
			return "redirect:/incidents/" + review.incident.id() + "/" + review.kind.path;
		}
		model.addAttribute("user", review.user);
		model.addAttribute("incident", review.incident);
		model.addAttribute("kind", review.kind.name());
		model.addAttribute("actionLabel", review.kind.action.label());
		model.addAttribute("path", review.kind.path);
		model.addAttribute("subjects", subjects);
		model.addAttribute("key", UUID.randomUUID().toString());
		return "incidents/review-confirm";
	}

	private String act(Review review, List<ActionSubject> subjects, String key, RedirectAttributes redirect) {
		var outcomes = new ArrayList<ActionRecord>();
		for (var subject : subjects) {
			outcomes.add(
					actions
						.execute(review.user, review.incident.managedTenantId(), review.account(), review.kind.action,
								subject, review.incident.id(), review.user.id() + ":" + key + ":" + subject.id())
						.record());
		}
		if (outcomes.isEmpty()) {
			redirect.addFlashAttribute("reviewError", review.kind.gone);
		}
		redirect.addFlashAttribute("outcomes", outcomes);
		return "redirect:/incidents/" + review.incident.id();
	}

	/**
	 * The picked ones that Graph still lists and that can be acted on, described as Graph
	 * describes them now.
	 */
	private static <T> List<ActionSubject> subjects(GraphReading<T> reading, @Nullable List<String> picked,
			Function<T, @Nullable ActionSubject> subject) {
		if (picked == null || reading.failed()) {
			return List.of();
		}
		return reading.items()
			.stream()
			.map(subject)
			.filter(java.util.Objects::nonNull)
			.filter(s -> picked.contains(s.id()))
			.toList();
	}

	private static @Nullable ActionSubject subject(AuthenticationMethod method) {
		return method.kind().removable() ? new ActionSubject(method.id(), method.kind().name(),
				method.kind().label() + ": " + method.description()) : null;
	}

	private static @Nullable ActionSubject subject(InboxRule rule) {
		return rule.enabled() ? new ActionSubject(rule.id(), null, "Inbox rule '" + rule.displayName() + "'") : null;
	}

	enum Kind {

		METHODS("authentication-methods", ResponseAction.REMOVE_AUTHENTICATION_METHOD,
				"Select at least one authentication method to remove.",
				"The selected methods are no longer registered; nothing was removed."),
		RULES("inbox-rules", ResponseAction.DISABLE_INBOX_RULE, "Select at least one inbox rule to disable.",
				"The selected rules are no longer enabled; nothing was disabled.");

		final String path;

		final ResponseAction action;

		final String nothingPicked;

		final String gone;

		Kind(String path, ResponseAction action, String nothingPicked, String gone) {
			this.path = path;
			this.action = action;
			this.nothingPicked = nothingPicked;
			this.gone = gone;
		}

	}

	/**
	 * One review request: who, which incident (visible to them, with an account), which
	 * kind.
	 */
	private final class Review {

		final VigilUser user;

		final Incident incident;

		final Kind kind;

		Review(VigilUser user, UUID id, Kind kind) {
			this.user = user;
			this.incident = incidents.forActing(user, id);
			this.kind = kind;
			if (incident.accountId() == null) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
		}

		String account() {
			return java.util.Objects.requireNonNull(incident.accountId());
		}

		Map<String, Object> model(GraphReading<?> reading) {
			return Map.of("user", user, "incident", incident, "reading", reading, "since", incident.firstSeen());
		}

	}

}
