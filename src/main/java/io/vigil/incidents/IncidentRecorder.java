package io.vigil.incidents;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import io.vigil.detection.ActivityMatch;
import io.vigil.detection.ActivityMatched;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns matches into incidents: a match joins the open incident of its tenant, rule and
 * dedup key whose window covers the sign-in, or opens one. A sign-in already recorded for
 * the rule (redelivery) changes nothing.
 */
@Component
class IncidentRecorder {

	static final String SYSTEM = "vigil";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IncidentRecorder.class);

	private final IncidentRepository incidents;

	private final Suppressions suppressions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry registry;

	IncidentRecorder(IncidentRepository incidents, Suppressions suppressions, ApplicationEventPublisher events,
			Clock clock, io.micrometer.core.instrument.MeterRegistry registry) {
		this.registry = registry;
		this.incidents = incidents;
		this.suppressions = suppressions;
		this.events = events;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(SignInsMatched event) {
		try (var organization = org.slf4j.MDC.putCloseable("organization", event.organizationId().value().toString());
				var tenant = org.slf4j.MDC.putCloseable("tenant", event.managedTenantId().value().toString())) {
			lockGroups(event.managedTenantId(),
					event.matches().stream().map(match -> Map.entry(match.ruleId(), match.dedupKey())));
			event.matches()
				.stream()
				.sorted(Comparator.comparing(SignInMatch::createdAt).thenComparing(SignInMatch::signInId))
				.forEach(match -> record(event, match));
		}
	}

	/**
	 * Matches of rules that read directory audits or risk detections: grouped like
	 * sign-ins (tenant, rule, dedup key, window), the records as evidence.
	 */
	@ApplicationModuleListener
	void on(ActivityMatched event) {
		try (var organization = org.slf4j.MDC.putCloseable("organization", event.organizationId().value().toString());
				var tenant = org.slf4j.MDC.putCloseable("tenant", event.managedTenantId().value().toString())) {
			lockGroups(event.managedTenantId(),
					event.matches().stream().map(match -> Map.entry(match.ruleId(), match.dedupKey())));
			event.matches()
				.stream()
				.sorted(Comparator.comparing(ActivityMatch::occurredAt).thenComparing(ActivityMatch::recordId))
				.forEach(match -> record(event, match));
		}
	}

	/**
	 * Locks every group an event touches up front, in one order: two events locking the
	 * same groups in their matches' time order deadlocked.
	 */
	private void lockGroups(io.vigil.shared.ManagedTenantId tenant,
			java.util.stream.Stream<Map.Entry<String, String>> ruleAndKey) {
		ruleAndKey.distinct()
			.sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
			.forEach(group -> incidents.lockGroup(tenant, group.getKey(), group.getValue()));
	}

	private void record(ActivityMatched event, ActivityMatch match) {
		var tenant = event.managedTenantId();
		var organization = event.organizationId();
		incidents.lockGroup(tenant, match.ruleId(), match.dedupKey());
		if (incidents.activityRecorded(match.recordId(), match.ruleId())) {
			return;
		}
		var now = clock.instant();
		var incident = incidents.openIncidentFor(tenant, match.ruleId(), match.dedupKey(), match.occurredAt())
			.orElse(null);
		var opened = incident == null;
		if (opened) {
			incident = UUID.randomUUID();
			var latency = Math.max(0, Duration.between(event.ingestCommittedAt(), now).toMillis());
			incidents.insert(incident, organization, tenant, match, latency, now);
			incidents.appendTimeline(incident, organization, now, SYSTEM, "opened",
					Map.of("rule", match.ruleId(), "title", match.ruleTitle(), "severity", match.severity().level()));
			log.info("Incident {} opened: {} ({}) for {} in tenant {}", incident, match.ruleTitle(),
					match.severity().level(), match.dedupKey(), tenant.value());
		}
		incidents.addActivity(incident, organization, tenant, match, now);
		incidents.appendTimeline(incident, organization, now, SYSTEM, "activity-matched",
				Map.of("graphId", match.graphId(), "occurredAt", match.occurredAt().toString(), "activity",
						String.valueOf(match.evidence().get("activity"))));
		if (opened) {
			io.micrometer.core.instrument.Counter.builder("vigil.incidents.opened")
				.tag("rule", match.ruleId())
				.tag("severity", match.severity().name())
				.register(registry)
				.increment();
			events.publishEvent(new IncidentOpened(organization, tenant, incident, match.ruleId(), match.severity()));
		}
	}

	private void record(SignInsMatched event, SignInMatch match) {
		var tenant = event.managedTenantId();
		var organization = event.organizationId();
		incidents.lockGroup(tenant, match.ruleId(), match.dedupKey());
		if (incidents.alreadyRecorded(match.signInId(), match.ruleId())) {
			return;
		}
		var suppression = suppressions.covering(organization, tenant, match);
		if (suppression != null) {
			// known-good: kept as a suppressed match, raises nothing
			suppressions.recordSuppressed(suppression, organization, tenant, match);
			return;
		}
		var now = clock.instant();
		var latency = Math.max(0, Duration.between(event.ingestCommittedAt(), now).toMillis());
		var incident = incidents.openIncidentFor(tenant, match).orElse(null);
		var opened = incident == null;
		if (opened) {
			incident = UUID.randomUUID();
			incidents.insert(incident, organization, tenant, match, latency, now);
			incidents.appendTimeline(incident, organization, now, SYSTEM, "opened",
					Map.of("rule", match.ruleId(), "title", match.ruleTitle(), "severity", match.severity().level()));
			try (var context = org.slf4j.MDC.putCloseable("incident", incident.toString())) {
				log.info("Incident {} opened: {} ({}) for {} in tenant {}", incident, match.ruleTitle(),
						match.severity().level(), match.dedupKey(), tenant.value());
			}
		}
		incidents.addSignIn(incident, organization, tenant, match, latency, now);
		incidents.appendTimeline(incident, organization, now, SYSTEM, "sign-in-matched",
				Map.of("signInId", match.signInId(), "graphId", match.graphId(), "createdAt",
						match.createdAt().toString(), "ipAddress", String.valueOf(match.ipAddress())));
		if (opened) {
			io.micrometer.core.instrument.Counter.builder("vigil.incidents.opened")
				.tag("rule", match.ruleId())
				.tag("severity", match.severity().name())
				.register(registry)
				.increment();
			io.micrometer.core.instrument.Timer.builder("vigil.detection.latency")
				.description("From the ingest commit of the first matching sign-in to the incident's")
				.register(registry)
				.record(Duration.ofMillis(latency));
			io.micrometer.core.instrument.Timer.builder("vigil.detection.latency.sign-in")
				.description("From the sign-in's time at Entra to the incident")
				.register(registry)
				.record(Duration.between(match.createdAt(), now).abs());
			// after its first sign-in is attached: whoever is told of it sees what
			// happened
			events.publishEvent(new IncidentOpened(organization, tenant, incident, match.ruleId(), match.severity()));
		}
	}

}
