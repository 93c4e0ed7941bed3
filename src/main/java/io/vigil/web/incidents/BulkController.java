package io.vigil.web.incidents;

import java.util.List;
import java.util.UUID;

import io.vigil.incidents.IncidentStatus;
import io.vigil.incidents.Incidents;
import io.vigil.security.VigilUser;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changes to several incidents at once from the queue: assign (to oneself or to one of
 * the organization's people, never free text), move to a status, or close with a reason.
 * Every incident named must be one the person may act on, or nothing changes; the person
 * returns to the queue as they left it.
 */
@Controller
class BulkController {

	static final int MAX = 200;

	private final Incidents incidents;

	private final VisibleIncidents visible;

	private final AssignablePeople people;

	BulkController(Incidents incidents, VisibleIncidents visible, AssignablePeople people) {
		this.incidents = incidents;
		this.visible = visible;
		this.people = people;
	}

	@PostMapping("/incidents/bulk")
	String bulk(VigilUser user, @RequestParam(name = "pick", required = false) @Nullable List<UUID> picked,
			@RequestParam String operation, @RequestParam(defaultValue = "") String assignee,
			@RequestParam(required = false) @Nullable IncidentStatus status,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String back,
			RedirectAttributes redirect) {
		var ids = picked == null ? List.<UUID>of() : picked.stream().distinct().toList();
		var target = safeBack(back);
		if (ids.isEmpty() || ids.size() > MAX) {
			redirect.addFlashAttribute("bulkError",
					ids.isEmpty() ? "Select at least one incident." : "Select at most " + MAX + " incidents at once.");
			return "redirect:" + target;
		}
		// all or nothing: an incident the person may not act on (another tenant's, or
		// none) refuses the request
		ids.forEach(id -> visible.forActing(user, id));
		var error = apply(user, ids, operation, assignee, status, reason);
		if (error != null) {
			redirect.addFlashAttribute("bulkError", error);
		}
		else {
			redirect.addFlashAttribute("bulkDone",
					ids.size() == 1 ? "1 incident changed." : ids.size() + " incidents changed.");
		}
		return "redirect:" + target;
	}

	/**
	 * @return what was wrong with the request, or null when every incident was changed
	 */
	private @Nullable String apply(VigilUser user, List<UUID> ids, String operation, String assignee,
			@Nullable IncidentStatus status, String reason) {
		switch (operation) {
			case "assign-me" ->
				ids.forEach(id -> incidents.assign(user.organizationId(), id, user.email(), user.email()));
			case "assign" -> {
				var person = people.find(user, assignee);
				if (person.isEmpty()) {
					return "Choose someone of your organization who may work on incidents.";
				}
				ids.forEach(id -> incidents.assign(user.organizationId(), id, person.get().email(), user.email()));
			}
			case "status" -> {
				if (status == null || !status.isOpen()) {
					return "Choose the status to move the incidents to (close them with a reason instead).";
				}
				ids.forEach(id -> incidents.changeStatus(user.organizationId(), id, status, user.email()));
			}
			case "close" -> {
				if (status == null || status.isOpen()) {
					return "Choose how the incidents are closed: resolved or dismissed as benign.";
				}
				if (reason.isBlank() || reason.length() > 2000) {
					return "Say why the incidents are closed (at most 2,000 characters): the reason stays on each "
							+ "incident's timeline.";
				}
				ids.forEach(id -> incidents.changeStatus(user.organizationId(), id, status, user.email(), reason));
			}
			default -> {
				return "Unknown change: " + operation;
			}
		}
		return null;
	}

	/**
	 * Back to the queue page the person came from; anything that is not a queue URL of
	 * this app goes to the queue.
	 */
	static String safeBack(String back) {
		return back.matches("/incidents(\\?[A-Za-z0-9_=&%.+@:,-]*)?") ? back : "/incidents";
	}

}
