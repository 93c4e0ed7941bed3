package io.vigil.web.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.vigil.incidents.Incident;
import io.vigil.incidents.Incidents;
import io.vigil.incidents.Suppression.Scope;
import io.vigil.incidents.SuppressionAuthor;
import io.vigil.incidents.Suppressions;
import io.vigil.security.VigilUser;
import io.vigil.security.Role;
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
 * "This was our VPN": a suppression made from an incident, its scope prefilled from the
 * evidence, previewed against past incidents before it is saved; saving closes the
 * incident as benign. The list shows what each held back.
 */
@Controller
class SuppressionController {

	private final Incidents incidents;

	private final Suppressions suppressions;

	private final VisibleIncidents visibleIncidents;

	SuppressionController(Incidents incidents, Suppressions suppressions, VisibleIncidents visibleIncidents) {
		this.incidents = incidents;
		this.suppressions = suppressions;
		this.visibleIncidents = visibleIncidents;
	}

	@GetMapping("/incidents/{id}/suppress")
	String form(VigilUser user, @PathVariable UUID id, Model model) {
		var incident = visible(user, id);
		var first = incidents.signIns(incident.organizationId(), id).stream().findFirst();
		var ip = first.map(signIn -> signIn.evidence().get("ip")).filter(Map.class::isInstance).map(Map.class::cast);
		model.addAttribute("user", user);
		model.addAttribute("incident", incident);
		model.addAttribute("form",
				Map.of("tenant", "on", "rule", "on", "account", "", "network",
						first.map(signIn -> String.valueOf(signIn.ipAddress())).orElse(""), "asn",
						ip.map(values -> String.valueOf(values.getOrDefault("asn", ""))).orElse(""), "country",
						ip.map(values -> String.valueOf(values.getOrDefault("country", ""))).orElse(""), "reason", "",
						"days", "90", "never", ""));
		return "incidents/suppress";
	}

	@PostMapping("/incidents/{id}/suppress")
	String save(VigilUser user, @PathVariable UUID id, @RequestParam(defaultValue = "") String tenant,
			@RequestParam(defaultValue = "") String rule, @RequestParam(defaultValue = "") String account,
			@RequestParam(defaultValue = "") String network, @RequestParam(defaultValue = "") String asn,
			@RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "90") String days, @RequestParam(defaultValue = "") String never,
			@RequestParam(defaultValue = "preview") String step, Model model) {
		var incident = visible(user, id);
		model.addAttribute("user", user);
		model.addAttribute("incident", incident);
		model.addAttribute("form", Map.of("tenant", tenant, "rule", rule, "account", account, "network", network, "asn",
				asn, "country", country, "reason", reason, "days", days, "never", never));
		try {
			var scope = new Scope(tenant.isEmpty() ? null : incident.managedTenantId(),
					rule.isEmpty() ? null : incident.ruleId(), account.isEmpty() ? null : incident.accountId(),
					blank(network), blank(asn) == null ? null : Long.valueOf(asn.strip()), blank(country));
			if (step.equals("save")) {
				suppressions.create(user.organizationId(), scope, reason, expiry(days), !never.isEmpty(), id, true,
						new SuppressionAuthor(user.email(), user.tenantScope(), user.role() == Role.ORG_ADMIN));
				return "redirect:/incidents/" + id;
			}
			model.addAttribute("preview", suppressions.preview(user.organizationId(), scope));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error",
					ex instanceof NumberFormatException ? "The ASN and days are numbers" : ex.getMessage());
		}
		return "incidents/suppress";
	}

	@GetMapping("/suppressions")
	String list(VigilUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("suppressions", suppressions.list(user.organizationId())
			.stream()
			.filter(s -> s.tenant() == null || user.maySee(s.tenant()))
			.map(s -> Map.of("suppression", s, "held", suppressions.suppressedCount(user.organizationId(), s.id())))
			.toList());
		return "incidents/suppressions";
	}

	private Incident visible(VigilUser user, UUID id) {
		return visibleIncidents.forActing(user, id);
	}

	private static @Nullable Instant expiry(String days) {
		var count = Long.parseLong(days.strip());
		if (count < 1 || count > 3650) {
			throw new IllegalArgumentException("A suppression lasts 1 to 3650 days (or never, chosen explicitly)");
		}
		return Instant.now().plus(Duration.ofDays(count));
	}

	private static @Nullable String blank(String value) {
		return value.isBlank() ? null : value.strip();
	}

}
