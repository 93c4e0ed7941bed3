package io.vigil.web.home;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.detection.RuleCatalog;
import io.vigil.detection.Severity;
import io.vigil.incidents.Incident;
import io.vigil.incidents.IncidentFilter;
import io.vigil.incidents.IncidentStatus;
import io.vigil.incidents.Incidents;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The incident queue across the tenants a person may see: filters, counts per status,
 * keyset paging, the assignee and bulk changes for those who may act; the front end adds
 * keyboard shortcuts and a notice of new incidents (the page works without it).
 */
@Controller
class HomeController {

	static final int PAGE = 50;

	record IncidentRow(String id, String title, String severity, String status, String statusLabel, String tenant,
			String account, Instant lastSeen, int signIns, @Nullable String assignee, @Nullable String assigneeName,
			boolean open) {
	}

	private final Incidents incidents;

	private final ManagedTenants tenants;

	private final RuleCatalog rules;

	private final io.vigil.web.incidents.AssignablePeople assignable;

	private final io.vigil.incidents.SavedViews views;

	HomeController(Incidents incidents, ManagedTenants tenants, RuleCatalog rules,
			io.vigil.web.incidents.AssignablePeople assignable, io.vigil.incidents.SavedViews views) {
		this.views = views;
		this.incidents = incidents;
		this.tenants = tenants;
		this.rules = rules;
		this.assignable = assignable;
	}

	@GetMapping("/incidents")
	String queue(VigilUser user, @RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String rule,
			@RequestParam(required = false) @Nullable String severity,
			@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String sort, jakarta.servlet.http.HttpServletRequest request,
			Model model) {
		var statuses = statuses(status);
		var chosenTenant = parse(tenant, value -> ManagedTenantId.of(value));
		var chosenSeverity = parse(severity, Severity::valueOf);
		var filter = new IncidentFilter(user.tenantScope(), chosenTenant, blank(rule), chosenSeverity, statuses,
				blank(assignee), blank(q));
		var order = io.vigil.incidents.IncidentSort.of(sort);
		var page = incidents.search(user.organizationId(), filter, order, blank(after), PAGE);
		var names = tenantNames(user);
		var people = assignable.of(user);
		var peopleNames = new java.util.HashMap<String, String>();
		people.forEach(person -> peopleNames.put(person.email(), person.name()));
		model.addAttribute("user", user);
		model.addAttribute("people", people);
		model.addAttribute("bulkStatuses", List.of(IncidentStatus.IN_PROGRESS, IncidentStatus.CONFIRMED_COMPROMISE,
				IncidentStatus.RESOLVED, IncidentStatus.DISMISSED_BENIGN));
		model.addAttribute("incidents",
				page.incidents().stream().map(incident -> row(incident, names, peopleNames)).toList());
		model.addAttribute("next", page.next());
		model.addAttribute("counts", incidents.countByStatus(user.organizationId(), user.tenantScope()));
		model.addAttribute("tenants", names);
		model.addAttribute("rules", rules.catalogue());
		model.addAttribute("severities", Severity.values());
		model.addAttribute("allStatuses", IncidentStatus.values());
		model.addAttribute("filter",
				Map.of("tenant", chosenTenant == null ? "" : chosenTenant.value().toString(), "rule",
						rule == null ? "" : rule, "severity", chosenSeverity == null ? "" : chosenSeverity.name(),
						"assignee", assignee == null ? "" : assignee, "q", q == null ? "" : q));
		model.addAttribute("statuses", statuses);
		model.addAttribute("statusParams",
				statuses.isEmpty() ? List.of("ALL") : statuses.stream().map(Enum::name).toList());
		model.addAttribute("firstPage", after == null || after.isBlank());
		model.addAttribute("back",
				request.getQueryString() == null ? "/incidents" : "/incidents?" + request.getQueryString());
		model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
		model.addAttribute("sort", order);
		model.addAttribute("sorts", io.vigil.incidents.IncidentSort.values());
		model.addAttribute("views", views.of(user.organizationId(), user.id()));
		return "incidents/queue";
	}

	/**
	 * Saves the queue as it is shown (its query string) under a name, for this person
	 * only.
	 */
	@org.springframework.web.bind.annotation.PostMapping("/incidents/views")
	String saveView(VigilUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String query,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			var view = views.save(user.organizationId(), user.id(), name, query);
			redirect.addFlashAttribute("bulkDone", "Saved the view “" + view.name() + "”.");
			return "redirect:/incidents" + (view.query().isEmpty() ? "" : "?" + view.query());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("bulkError", ex.getMessage());
			return "redirect:/incidents";
		}
	}

	@org.springframework.web.bind.annotation.PostMapping("/incidents/views/{id}/delete")
	String deleteView(VigilUser user, @org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {
		if (!views.delete(user.organizationId(), user.id(), id)) {
			throw new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.NOT_FOUND);
		}
		return "redirect:/incidents";
	}

	/**
	 * The newest open incident the person may see, for the queue's script to notice new
	 * ones.
	 */
	@GetMapping("/queue/latest")
	@ResponseBody
	Map<String, String> latest(VigilUser user) {
		var newest = incidents.search(user.organizationId(),
				new IncidentFilter(user.tenantScope(), null, null, null, IncidentStatus.OPEN, null, null), null, 1);
		return Map.of("latest", newest.incidents().isEmpty() ? "" : newest.incidents().getFirst().id().toString());
	}

	private static Set<IncidentStatus> statuses(@Nullable List<String> chosen) {
		if (chosen == null || chosen.isEmpty()) {
			return IncidentStatus.OPEN;
		}
		if (chosen.contains("ALL")) {
			return Set.of();
		}
		var result = EnumSet.noneOf(IncidentStatus.class);
		for (var name : chosen) {
			try {
				result.add(IncidentStatus.valueOf(name));
			}
			catch (IllegalArgumentException ignored) {
				// an unknown status in a hand-edited URL filters nothing out
			}
		}
		return result.isEmpty() ? IncidentStatus.OPEN : result;
	}

	private Map<ManagedTenantId, String> tenantNames(VigilUser user) {
		var names = new java.util.LinkedHashMap<ManagedTenantId, String>();
		tenants.list(user.organizationId())
			.stream()
			.filter(tenant -> user.maySee(tenant.id()))
			.forEach(tenant -> names.put(tenant.id(), tenant.displayName()));
		return names;
	}

	private static IncidentRow row(Incident incident, Map<ManagedTenantId, String> names, Map<String, String> people) {
		var assignee = incident.assignee();
		return new IncidentRow(incident.id().toString(), incident.ruleTitle(), incident.severity().level(),
				incident.status().name(), incident.status().label(),
				names.getOrDefault(incident.managedTenantId(), "?"),
				incident.accountUpn() == null ? incident.dedupKey() : incident.accountUpn(), incident.lastSeen(),
				incident.signInCount(), assignee, assignee == null ? null : people.getOrDefault(assignee, assignee),
				incident.status().isOpen());
	}

	/**
	 * A filter value from the URL; empty or unreadable means "any" (links carry empty
	 * values).
	 */
	private static <T> @Nullable T parse(@Nullable String value, java.util.function.Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String blank(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
