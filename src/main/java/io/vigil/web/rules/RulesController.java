package io.vigil.web.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.detection.RuleCatalog;
import io.vigil.detection.RuleMetadata;
import io.vigil.detection.RuleStatus;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rule catalogue: every rule (built-in, shipped Sigma, uploaded) with its status for
 * the chosen tenant and in how many of the person's tenants it runs; responders switch a
 * rule off or on for one tenant, and that is audited.
 */
@Controller
class RulesController {

	/**
	 * One rule: what it is, its status for the chosen tenant, and in how many tenants it
	 * runs.
	 */
	record RuleRow(RuleMetadata rule, @Nullable RuleStatus status, int runningIn, boolean uploaded) {
	}

	private final RuleCatalog catalog;

	private final ManagedTenants tenants;

	RulesController(RuleCatalog catalog, ManagedTenants tenants) {
		this.catalog = catalog;
		this.tenants = tenants;
	}

	@GetMapping("/rules")
	String catalogue(VigilUser user, @RequestParam(required = false) @Nullable UUID tenant, Model model) {
		var visible = tenants.list(user.organizationId()).stream().filter(t -> user.maySee(t.id())).toList();
		var chosen = visible.stream()
			.filter(t -> tenant == null || t.id().value().equals(tenant))
			.findFirst()
			.orElse(null);
		if (tenant != null && chosen == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var statuses = new HashMap<ManagedTenantId, Map<String, RuleStatus>>();
		for (var t : visible) {
			var byRule = new HashMap<String, RuleStatus>();
			catalog.statuses(user.organizationId(), t.id()).forEach(s -> byRule.put(s.metadata().id(), s));
			statuses.put(t.id(), byRule);
		}
		var uploads = catalog.uploads(user.organizationId());
		var uploadedIds = uploads.stream().map(u -> u.ruleId()).toList();
		var rows = new ArrayList<RuleRow>();
		for (var rule : catalog.catalogue(user.organizationId())) {
			var running = (int) visible.stream()
				.filter(t -> statuses.get(t.id()).get(rule.id()) != null
						&& statuses.get(t.id()).get(rule.id()).state() == RuleStatus.State.READY)
				.count();
			rows.add(new RuleRow(rule, chosen == null ? null : statuses.get(chosen.id()).get(rule.id()), running,
					uploadedIds.contains(rule.id())));
		}
		model.addAttribute("user", user);
		model.addAttribute("tenants", visible);
		model.addAttribute("chosen", chosen);
		model.addAttribute("rows", rows);
		model.addAttribute("drafts", uploads.stream().filter(u -> !u.enabled()).toList());
		return "rules/catalogue";
	}

	/**
	 * Switches a rule on, or off with a reason (kept with the setting and in the audit
	 * log).
	 */
	@PostMapping("/rules/tenants/{tenant}/{ruleId}")
	String switchRule(VigilUser user, @PathVariable UUID tenant, @PathVariable String ruleId,
			@RequestParam boolean enabled, @RequestParam(defaultValue = "") String reason,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		var managed = actingOn(user, tenant);
		if (catalog.catalogue(user.organizationId()).stream().noneMatch(rule -> rule.id().equals(ruleId))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!enabled && (reason.isBlank() || reason.strip().length() > 500)) {
			redirect.addFlashAttribute("switchError", "Say why the rule is switched off in " + managed.displayName()
					+ " (at most 500 characters): the reason stays beside the switch and in the audit log.");
			redirect.addFlashAttribute("switchRule", ruleId);
			return "redirect:/rules?tenant=" + tenant;
		}
		catalog.setEnabled(user.organizationId(), managed.id(), ruleId, enabled, user.email(), reason);
		return "redirect:/rules?tenant=" + tenant;
	}

	private ManagedTenant actingOn(VigilUser user, UUID tenant) {
		var managed = tenants.find(user.organizationId(), new ManagedTenantId(tenant))
			.filter(t -> user.maySee(t.id()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!user.mayAct()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return managed;
	}

}
