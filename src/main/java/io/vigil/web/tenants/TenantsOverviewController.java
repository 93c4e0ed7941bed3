package io.vigil.web.tenants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.vigil.incidents.Incidents;
import io.vigil.ingest.SignInLog;
import io.vigil.tenants.ManagedTenants;
import io.vigil.security.VigilUser;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Each tenant the person may see: connection status, how ingestion fares (last poll, lag,
 * errors), open incidents.
 */
@Controller
class TenantsOverviewController {

	record TenantRow(String id, String name, String status, String statusLabel, @Nullable String reason,
			@Nullable String fix, @Nullable Instant lastSuccess, @Nullable String lag, int failures,
			@Nullable String lastError, long signIns, long openIncidents, String detections) {
	}

	private final ManagedTenants tenants;

	private final SignInLog signIns;

	private final Incidents incidents;

	private final Clock clock;

	private final io.vigil.detection.RuleCatalog catalog;

	TenantsOverviewController(ManagedTenants tenants, SignInLog signIns, Incidents incidents, Clock clock,
			io.vigil.detection.RuleCatalog catalog) {
		this.catalog = catalog;
		this.tenants = tenants;
		this.signIns = signIns;
		this.incidents = incidents;
		this.clock = clock;
	}

	@GetMapping("/tenants")
	String overview(VigilUser user, Model model) {
		var rows = tenants.list(user.organizationId())
			.stream()
			.filter(tenant -> user.maySee(tenant.id()))
			.map(tenant -> {
				var health = signIns.health(user.organizationId(), tenant.id());
				var lastSuccess = health.map(h -> h.lastSuccessAt()).orElse(null);
				var openIncidents = incidents.countByStatus(user.organizationId(), Set.of(tenant.id()))
					.entrySet()
					.stream()
					.filter(count -> count.getKey().isOpen())
					.mapToLong(Map.Entry::getValue)
					.sum();
				// a problem is stated once: the status says it, the errors column only
				// what the status does not
				var lastError = health.map(h -> h.lastError()).orElse(null);
				var failures = health.map(h -> h.consecutiveFailures()).orElse(0);
				if (tenant.status() != io.vigil.tenants.TenantStatus.CONNECTED
						&& tenant.status() != io.vigil.tenants.TenantStatus.FAILING) {
					failures = 0;
					lastError = null;
				}
				return new TenantRow(tenant.id().value().toString(), tenant.displayName(), tenant.status().name(),
						tenant.status().label(), tenant.statusReason(), tenant.status().fix(), lastSuccess,
						lastSuccess == null ? null : humane(Duration.between(lastSuccess, clock.instant())), failures,
						lastError, signIns.count(user.organizationId(), tenant.id()), openIncidents,
						detections(catalog.statuses(user.organizationId(), tenant.id()), tenant.status().name()));
			})
			.toList();
		model.addAttribute("user", user);
		model.addAttribute("tenants", rows);
		return "tenants/overview";
	}

	/**
	 * Which detections are live in the tenant, in words: the rest say why not (see the
	 * Rules page for each).
	 */
	static String detections(java.util.List<io.vigil.detection.RuleStatus> statuses, String tenantStatus) {
		if (tenantStatus.equals("UNLICENSED")) {
			return "none: without Entra ID P1 or P2 Graph gives no sign-in logs";
		}
		var counts = new java.util.EnumMap<io.vigil.detection.RuleStatus.State, Long>(
				io.vigil.detection.RuleStatus.State.class);
		statuses.forEach(status -> counts.merge(status.state(), 1L, Long::sum));
		var words = new java.util.ArrayList<String>();
		words.add(counts.getOrDefault(io.vigil.detection.RuleStatus.State.READY, 0L) + " of " + statuses.size()
				+ " live");
		if (counts.containsKey(io.vigil.detection.RuleStatus.State.DISABLED)) {
			words.add(counts.get(io.vigil.detection.RuleStatus.State.DISABLED) + " switched off");
		}
		if (counts.containsKey(io.vigil.detection.RuleStatus.State.NEEDS_PLACEHOLDERS)) {
			words.add(counts.get(io.vigil.detection.RuleStatus.State.NEEDS_PLACEHOLDERS)
					+ " waiting for placeholder values");
		}
		if (counts.containsKey(io.vigil.detection.RuleStatus.State.UNSUPPORTED)) {
			words.add(counts.get(io.vigil.detection.RuleStatus.State.UNSUPPORTED) + " need fields Graph cannot supply");
		}
		return String.join(", ", words);
	}

	private static String humane(Duration lag) {
		return lag.toMinutes() < 1 ? lag.toSeconds() + " s"
				: lag.toHours() < 1 ? lag.toMinutes() + " min" : lag.toHours() + " h";
	}

}
