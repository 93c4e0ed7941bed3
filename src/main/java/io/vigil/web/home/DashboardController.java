package io.vigil.web.home;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.incidents.IncidentStatistics;
import io.vigil.incidents.Incidents;
import io.vigil.ingest.IngestHealth;
import io.vigil.ingest.SignInLog;
import io.vigil.security.VigilUser;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;
import io.vigil.tenants.TenantStatus;
import io.vigil.web.Durations;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard ({@code /}): open incidents by severity and tenant, the last 30 days, how
 * quickly incidents are acknowledged and contained, the rules that fire most, and the
 * tenants whose ingestion lags or fails. Everything is limited to the tenants the person
 * may see; the queue is one click away.
 */
@Controller
class DashboardController {

	static final int DAYS = 30;

	/** Ingestion this far behind is worth a look. */
	static final Duration LAGGING = Duration.ofMinutes(15);

	record Bar(String label, long count, int percent, @Nullable String link) {
	}

	record TenantProblem(String id, String name, String problem) {
	}

	private final Incidents incidents;

	private final ManagedTenants tenants;

	private final SignInLog signIns;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	DashboardController(Incidents incidents, ManagedTenants tenants, SignInLog signIns, Clock clock) {
		this.incidents = incidents;
		this.tenants = tenants;
		this.signIns = signIns;
		this.clock = clock;
	}

	@GetMapping("/")
	String dashboard(VigilUser user, Model model) {
		var visible = tenants.list(user.organizationId()).stream().filter(tenant -> user.maySee(tenant.id())).toList();
		var names = new LinkedHashMap<java.util.UUID, String>();
		visible.forEach(tenant -> names.put(tenant.id().value(), tenant.displayName()));
		var statistics = incidents.statistics(user.organizationId(), user.tenantScope(), DAYS);
		model.addAttribute("user", user);
		model.addAttribute("statistics", statistics);
		model.addAttribute("bySeverity", bars(statistics.openBySeverity(), severity -> severity,
				severity -> "/incidents?severity=" + severity.toUpperCase(java.util.Locale.ROOT)));
		model.addAttribute("byTenant",
				bars(statistics.openByTenant(), id -> names.getOrDefault(id, "?"), id -> "/incidents?tenant=" + id));
		model.addAttribute("openedTotal", statistics.opened().stream().mapToLong(IncidentStatistics.Day::opened).sum());
		model.addAttribute("series", series(statistics));
		model.addAttribute("acknowledge", orDash(statistics.meanTimeToAcknowledge()));
		model.addAttribute("contain", orDash(statistics.meanTimeToContain()));
		model.addAttribute("tenantProblems", problems(user, visible));
		return "home/dashboard";
	}

	private static <K> List<Bar> bars(Map<K, Long> counts, java.util.function.Function<K, String> label,
			java.util.function.Function<K, String> link) {
		var max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
		var bars = new ArrayList<Bar>();
		counts.forEach((key, count) -> bars.add(new Bar(label.apply(key), count,
				max == 0 ? 0 : (int) Math.round(100.0 * count / max), link.apply(key))));
		return bars;
	}

	/**
	 * The chart's data, as JSON for an attribute: Thymeleaf escapes it like any attribute
	 * value.
	 */
	private String series(IncidentStatistics statistics) {
		var days = statistics.opened();
		return json.writeValueAsString(Map.of("days", days.stream().map(day -> day.day().toString()).toList(), "opened",
				days.stream().map(IncidentStatistics.Day::opened).toList(), "highOrCritical",
				days.stream().map(IncidentStatistics.Day::highOrCritical).toList()));
	}

	private List<TenantProblem> problems(VigilUser user, List<ManagedTenant> visible) {
		var now = clock.instant();
		var problems = new ArrayList<TenantProblem>();
		for (var tenant : visible) {
			if (tenant.status() == TenantStatus.DISCONNECTED) {
				continue;
			}
			var health = signIns.health(user.organizationId(), tenant.id());
			var problem = problem(tenant, health.orElse(null), now);
			if (problem != null) {
				problems.add(new TenantProblem(tenant.id().value().toString(), tenant.displayName(), problem));
			}
		}
		return problems;
	}

	static @Nullable String problem(ManagedTenant tenant, @Nullable IngestHealth health, java.time.Instant now) {
		if (tenant.status() != TenantStatus.CONNECTED) {
			// the status in a few words; the tenants page says what to do about it
			return tenant.status().label() + (tenant.status().fix() == null ? "" : " (the Tenants page has the fix)");
		}
		if (health == null) {
			return null;
		}
		if (health.consecutiveFailures() > 0) {
			return health.consecutiveFailures() + " failed polls: " + health.lastError();
		}
		if (health.lastSuccessAt() != null && Duration.between(health.lastSuccessAt(), now).compareTo(LAGGING) > 0) {
			return "last successful poll " + Durations.humane(Duration.between(health.lastSuccessAt(), now)) + " ago";
		}
		return null;
	}

	private static String orDash(@Nullable Duration duration) {
		return duration == null ? "—" : Durations.humane(duration);
	}

}
