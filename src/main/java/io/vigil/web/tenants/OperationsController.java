package io.vigil.web.tenants;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vigil.EventBacklog;
import io.vigil.web.Durations;
import io.vigil.detection.RuleCatalog;
import io.vigil.graph.GraphPermission;
import io.vigil.graph.TenantAccessReport;
import io.vigil.incidents.Incidents;
import io.vigil.ingest.IngestHealth;
import io.vigil.ingest.SignInLog;
import io.vigil.notification.Notifications;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.StageLag;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.ManagedTenants;
import io.vigil.tenants.TenantAccessChecks;
import io.vigil.tenants.TenantStatus;
import io.vigil.security.VigilUser;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operations page of an organization's admins (under /admin: admins only): for each
 * tenant how polling fares, how long each stage of the pipeline took over the last day,
 * its errors in words, which detections and actions can work given its licence and what
 * was granted; and the event publications between stages still outstanding.
 */
@Controller
class OperationsController {

	static final Duration PERIOD = Duration.ofHours(24);

	record Stage(String name, String measures, long samples, String median, String p95, String max) {
	}

	record EventRow(String eventType, long waiting, long givenUp, String oldest) {
	}

	record Access(@Nullable Instant checkedAt, @Nullable String checkedBy, List<String> problems) {
	}

	record TenantOperations(String id, String name, String status, @Nullable String statusReason,
			@Nullable Instant lastAttempt, @Nullable Instant lastSuccess, @Nullable Instant nextPoll,
			@Nullable String sinceSuccess, int failures, @Nullable String lastError, long quarantined,
			List<Stage> stages, long messagesWaiting, long messagesFailed, String detections, Access access,
			List<String> sources) {
	}

	private final ManagedTenants tenants;

	private final TenantAccessChecks accessChecks;

	private final SignInLog signIns;

	private final Incidents incidents;

	private final Notifications notifications;

	private final RuleCatalog catalog;

	private final EventBacklog events;

	private final io.vigil.ingest.ActivityLog activity;

	private final Clock clock;

	OperationsController(ManagedTenants tenants, TenantAccessChecks accessChecks, SignInLog signIns,
			Incidents incidents, Notifications notifications, RuleCatalog catalog, EventBacklog events, Clock clock,
			io.vigil.ingest.ActivityLog activity) {
		this.activity = activity;
		this.tenants = tenants;
		this.accessChecks = accessChecks;
		this.signIns = signIns;
		this.incidents = incidents;
		this.notifications = notifications;
		this.catalog = catalog;
		this.events = events;
		this.clock = clock;
	}

	@GetMapping("/admin/operations")
	String page(VigilUser user, Model model) {
		var since = clock.instant().minus(PERIOD);
		var refused = activity.refusedSources(user.organizationId(), clock.instant());
		var rows = tenants.list(user.organizationId())
			.stream()
			.filter(tenant -> tenant.status() != TenantStatus.DISCONNECTED)
			.map(tenant -> row(tenant, since, refused))
			.toList();
		model.addAttribute("user", user);
		model.addAttribute("tenants", rows);
		model.addAttribute("events",
				events.of(user.organizationId())
					.stream()
					.map(event -> new EventRow(event.eventType(), event.waiting(), event.givenUp(),
							Durations.humane(event.oldest())))
					.toList());
		return "tenants/operations";
	}

	@PostMapping("/admin/operations/{tenant}/access")
	String checkAccess(VigilUser user, @PathVariable UUID tenant, RedirectAttributes redirect) {
		// another organization's tenant (or a disconnected one) does not exist here
		accessChecks.checkNow(user.organizationId(), new ManagedTenantId(tenant), user.email())
			.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.NOT_FOUND));
		redirect.addFlashAttribute("checked", "Access checked: see the tenant's section.");
		return "redirect:/admin/operations";
	}

	/**
	 * What Vigil reads of the tenant besides sign-ins, and why a source is not read when
	 * the tenant refuses it.
	 */
	private List<String> sources(ManagedTenant tenant, List<io.vigil.ingest.ActivityLog.RefusedSource> refused) {
		var result = new java.util.ArrayList<String>();
		for (var source : io.vigil.graph.ActivitySource.values()) {
			var refusal = refused.stream()
				.filter(r -> r.managedTenantId().equals(tenant.id()) && r.source() == source)
				.findFirst();
			if (tenant.status() != TenantStatus.CONNECTED) {
				result.add(source.label() + ": not read while the tenant is "
						+ tenant.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
				continue;
			}
			var stored = activity.count(tenant.organizationId(), tenant.id(), source);
			result.add(refusal
				.map(r -> source.label() + ": not read until "
						+ java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
							.withZone(java.time.ZoneOffset.UTC)
							.format(r.until())
						+ " (" + r.reason() + ")")
				.orElse(source.label() + ": read, " + stored + (stored == 1 ? " record" : " records") + " stored"));
		}
		return result;
	}

	private TenantOperations row(ManagedTenant tenant, Instant since,
			List<io.vigil.ingest.ActivityLog.RefusedSource> refused) {
		var organization = tenant.organizationId();
		var health = signIns.health(organization, tenant.id());
		var delivery = notifications.delivery(organization, tenant.id(), since);
		var stages = List.of(
				stage("Graph to Vigil", "sign-in to its commit in Vigil (Graph's publishing delay included)",
						signIns.ingestLag(organization, tenant.id(), since)),
				stage("Detection", "commit in Vigil to evidence of an incident",
						incidents.detectionLag(organization, tenant.id(), since)),
				stage("Notification", "message due to sent (quiet hours excluded)", delivery.lag()));
		var access = accessChecks.latest(organization, tenant.id());
		var lastSuccess = health.map(IngestHealth::lastSuccessAt).orElse(null);
		return new TenantOperations(tenant.id().value().toString(), tenant.displayName(), tenant.status().name(),
				tenant.statusReason(), health.map(IngestHealth::lastAttemptAt).orElse(null), lastSuccess,
				health.map(IngestHealth::nextPollAt).orElse(null),
				lastSuccess == null ? null : Durations.humane(Duration.between(lastSuccess, clock.instant())),
				health.map(IngestHealth::consecutiveFailures).orElse(0),
				health.map(IngestHealth::lastError).orElse(null), signIns.quarantined(organization, tenant.id()),
				stages, delivery.waiting(), delivery.failed(),
				detections(tenant, access.map(TenantAccessChecks.AccessCheck::report).orElse(null)),
				access.map(check -> new Access(check.checkedAt(), check.checkedBy(), problems(check.report())))
					.orElse(new Access(null, null, List.of())),
				sources(tenant, refused));
	}

	/**
	 * Live detections in words: none without sign-in logs (licence or permission), else
	 * the rule book's count.
	 */
	private String detections(ManagedTenant tenant, @Nullable TenantAccessReport access) {
		if (access != null && access.missing().contains(GraphPermission.SIGN_IN_LOGS)) {
			return "none: Vigil is not granted " + GraphPermission.SIGN_IN_LOGS.graphName()
					+ ", so it cannot read sign-in logs";
		}
		if (access != null && access.licence() == TenantAccessReport.Licence.UNLICENSED) {
			return "none: without Entra ID P1 or P2 Graph gives no sign-in logs";
		}
		return TenantsOverviewController.detections(catalog.statuses(tenant.organizationId(), tenant.id()),
				tenant.status().name());
	}

	/** What the last check found wrong, each in words with what to grant. */
	private static List<String> problems(TenantAccessReport report) {
		var problems = new ArrayList<String>();
		if (!report.consented()) {
			problems.add("Not consented: "
					+ (report.problem() == null ? "Entra issues Vigil no token for this tenant" : report.problem()));
			return problems;
		}
		if (report.licence() == TenantAccessReport.Licence.UNLICENSED) {
			problems.add("No Entra ID P1 or P2 licence: Graph gives no sign-in logs, so nothing is detected; "
					+ "containment actions still work");
		}
		for (var permission : GraphPermission.values()) {
			if (report.missing().contains(permission)) {
				problems.add(permission.label() + " is unavailable: grant " + permission.graphName());
			}
		}
		if (report.problem() != null && problems.isEmpty()) {
			// anything else the check met (Graph unreachable, say), as Graph or Entra put
			// it
			problems.add(report.problem());
		}
		return problems;
	}

	private static Stage stage(String name, String measures, StageLag lag) {
		return lag.samples() == 0 ? new Stage(name, measures, 0, "", "", "") : new Stage(name, measures, lag.samples(),
				Durations.humane(lag.median()), Durations.humane(lag.p95()), Durations.humane(lag.max()));
	}

}
