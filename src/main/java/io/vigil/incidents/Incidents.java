package io.vigil.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.StageLag;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incidents module's API. Every method is scoped to an organization: an incident of
 * another organization is not found, never returned.
 */
@Service
public class Incidents {

	private final IncidentRepository incidents;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final ContainmentWatch watch;

	Incidents(IncidentRepository incidents, Clock clock, org.springframework.context.ApplicationEventPublisher events,
			ContainmentWatch watch) {
		this.events = events;
		this.watch = watch;
		this.incidents = incidents;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<Incident> find(OrganizationId organization, UUID id) {
		return incidents.find(organization, id);
	}

	/** The most recent incidents, of one tenant or all of the organization's. */
	@Transactional(readOnly = true)
	public List<Incident> recent(OrganizationId organization, @Nullable ManagedTenantId tenant, int limit) {
		return incidents.list(organization, tenant, limit);
	}

	/**
	 * A page of the queue. {@code after} is the previous page's {@code next}; a cursor
	 * that does not parse starts at the top.
	 */
	@Transactional(readOnly = true)
	public IncidentPage search(OrganizationId organization, IncidentFilter filter, @Nullable String after, int size) {
		return search(organization, filter, IncidentSort.LAST_SEEN, after, size);
	}

	/**
	 * A page of the queue in the order given; {@code after} is the previous page's
	 * {@code next}. A cursor that does not parse starts at the first page.
	 */
	@Transactional(readOnly = true)
	public IncidentPage search(OrganizationId organization, IncidentFilter filter, IncidentSort sort,
			@Nullable String after, int size) {
		var rows = incidents.search(organization, filter, sort, keyset(after), size + 1);
		var page = rows.size() > size ? rows.subList(0, size) : rows;
		String next = null;
		if (rows.size() > size) {
			var last = page.getLast();
			var at = sort == IncidentSort.FIRST_SEEN ? last.firstSeen() : last.lastSeen();
			next = (sort == IncidentSort.SEVERITY ? rank(last) + "." : "")
					+ (at.getEpochSecond() * 1_000_000 + at.getNano() / 1000) + "_" + last.id();
		}
		return new IncidentPage(page, next);
	}

	private static IncidentRepository.@Nullable Keyset keyset(@Nullable String after) {
		if (after == null || !after.matches("([1-5]\\.)?-?[0-9]{1,19}_[0-9a-fA-F-]{36}")) {
			return null;
		}
		try {
			var rank = after.contains(".") ? Integer.parseInt(after.substring(0, after.indexOf('.'))) : 0;
			var micros = Long.parseLong(after.substring(after.indexOf('.') + 1, after.indexOf('_')));
			return new IncidentRepository.Keyset(rank, Instant.ofEpochSecond(0, micros * 1000),
					UUID.fromString(after.substring(after.indexOf('_') + 1)));
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			return null;
		}
	}

	private static int rank(Incident incident) {
		return switch (incident.severity()) {
			case CRITICAL -> 5;
			case HIGH -> 4;
			case MEDIUM -> 3;
			case LOW -> 2;
			case INFORMATIONAL -> 1;
		};
	}

	/**
	 * How many incidents are in each status (of the tenants given, or all of the
	 * organization's). Kept for a few seconds: every queue page shows the counts, and
	 * counting a large organization's incidents on each would cost more than the page
	 * itself.
	 */
	@Transactional(readOnly = true)
	public Map<IncidentStatus, Long> countByStatus(OrganizationId organization,
			java.util.@Nullable Set<ManagedTenantId> visibleTenants) {
		return counts.get(scope(organization, visibleTenants),
				ignored -> incidents.countByStatus(organization, visibleTenants));
	}

	/**
	 * A cache key for an organization seen through a set of tenants (null: all of them).
	 */
	private static String scope(OrganizationId organization, java.util.@Nullable Set<ManagedTenantId> visibleTenants) {
		return organization + "|" + (visibleTenants == null ? "*"
				: new java.util.TreeSet<>(visibleTenants.stream().map(tenant -> tenant.value().toString()).toList()));
	}

	/**
	 * Caffeine reads time from the injected clock, so tests that move the clock move the
	 * caches' expiry too.
	 */
	private com.github.benmanes.caffeine.cache.Ticker ticker() {
		return () -> clock.millis() * 1_000_000L;
	}

	private final com.github.benmanes.caffeine.cache.Cache<String, Map<IncidentStatus, Long>> counts = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.ticker(ticker())
		.expireAfterWrite(java.time.Duration.ofSeconds(5))
		.maximumSize(10_000)
		.build();

	/**
	 * The detection stage's lag for evidence recorded since {@code since}: from the
	 * sign-in's commit by ingest to its commit as evidence of an incident (rule
	 * evaluation and grouping; waiting in the event queue included).
	 */
	@Transactional(readOnly = true)
	public StageLag detectionLag(OrganizationId organization, ManagedTenantId tenant, Instant since) {
		return incidents.detectionLag(organization, tenant, since);
	}

	/**
	 * The dashboard's figures for the tenants a person may see (null: all) over the last
	 * {@code days} days. Kept for a minute per organization and scope: they summarise
	 * thousands of incidents, and a minute-old summary serves a dashboard as well as a
	 * fresh one (the queue, which people act on, is always fresh).
	 */
	@Transactional(readOnly = true)
	public IncidentStatistics statistics(OrganizationId organization,
			java.util.@Nullable Set<ManagedTenantId> visibleTenants, int days) {
		return statistics.get(days + "|" + scope(organization, visibleTenants), ignored -> {
			var today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
			var since = today.minusDays(days - 1L).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
			return incidents.statistics(organization, visibleTenants, since, today);
		});
	}

	private final com.github.benmanes.caffeine.cache.Cache<String, IncidentStatistics> statistics = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.ticker(ticker())
		.expireAfterWrite(java.time.Duration.ofMinutes(1))
		.maximumSize(10_000)
		.build();

	/**
	 * Incidents of the same account (same tenant) or the same addresses, among the
	 * tenants given (null: all).
	 */
	@Transactional(readOnly = true)
	public List<Incident> related(OrganizationId organization, Incident incident,
			java.util.@Nullable Set<ManagedTenantId> visibleTenants) {
		return incidents.related(organization, incident, visibleTenants, 10);
	}

	@Transactional(readOnly = true)
	public List<IncidentSignIn> signIns(OrganizationId organization, UUID incident) {
		return incidents.signIns(organization, incident);
	}

	/** The directory audits and risk detections that are the incident's evidence. */
	@Transactional(readOnly = true)
	public List<IncidentActivity> activities(OrganizationId organization, UUID incident) {
		return incidents.activities(organization, incident);
	}

	@Transactional(readOnly = true)
	public List<TimelineEntry> timeline(OrganizationId organization, UUID incident) {
		return incidents.timeline(organization, incident);
	}

	/**
	 * Moves an incident to a status, recorded on its timeline; false when there is no
	 * such incident.
	 */
	@Transactional
	public boolean changeStatus(OrganizationId organization, UUID incident, IncidentStatus status, String actor) {
		return changeStatus(organization, incident, status, actor, "");
	}

	/**
	 * As {@link #changeStatus(OrganizationId, UUID, IncidentStatus, String)}, with the
	 * reason (blank: none) kept on the timeline and told to those who hear of the change.
	 */
	@Transactional
	public boolean changeStatus(OrganizationId organization, UUID incident, IncidentStatus status, String actor,
			String reason) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		var now = clock.instant();
		incidents.updateStatus(organization, incident, status, now);
		var detail = new java.util.LinkedHashMap<String, Object>();
		detail.put("from", current.get().status().name());
		detail.put("to", status.name());
		if (!reason.isBlank()) {
			detail.put("reason", reason.strip());
		}
		incidents.appendTimeline(incident, organization, now, actor, "status-changed", detail);
		announceStatus(current.get(), status, actor, reason.strip());
		return true;
	}

	/** Closing and reopening are heard outside Vigil. */
	private void announceStatus(Incident before, IncidentStatus after, String actor, String note) {
		if (before.status().isOpen() && !after.isOpen()) {
			events.publishEvent(updated(before, IncidentUpdated.Change.CLOSED, actor, note));
		}
		else if (!before.status().isOpen() && after.isOpen()) {
			events.publishEvent(updated(before, IncidentUpdated.Change.REOPENED, actor, note));
		}
	}

	private static IncidentUpdated updated(Incident incident, IncidentUpdated.Change change, String actor,
			String note) {
		return new IncidentUpdated(incident.organizationId(), incident.managedTenantId(), incident.id(),
				incident.severity(), change, actor, note);
	}

	/**
	 * A containment action succeeded on the incident's account (the action itself is on
	 * the timeline already): the account is watched from now on (see
	 * {@link ContainmentWatch}).
	 */
	@Transactional
	public void recordContainment(OrganizationId organization, UUID incident, String actor, String what) {
		incidents.find(organization, incident).ifPresent(found -> {
			watch.start(found, incidents.signIns(organization, incident));
			events.publishEvent(updated(found, IncidentUpdated.Change.CONTAINED, actor, what));
		});
	}

	/** Until when the incident's contained account is watched, if it is. */
	@Transactional(readOnly = true)
	public Optional<Instant> watchedUntil(OrganizationId organization, UUID incident) {
		return watch.watch(organization, incident).map(ContainmentWatch.Watch::until);
	}

	/**
	 * A sign-in shows the attacker is still in: recorded once per sign-in on the timeline
	 * with its evidence, the incident reopened (if it was closed) and its people told.
	 */
	@Transactional
	public void containmentBreached(OrganizationId organization, UUID incident, io.vigil.ingest.SignInFacts signIn,
			String reason) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty() || !watch.recordBreach(organization, incident, signIn.id(), reason)) {
			return;
		}
		var now = clock.instant();
		var before = current.get();
		var detail = new java.util.LinkedHashMap<String, Object>();
		detail.put("reason", reason);
		detail.put("signInId", signIn.id());
		detail.put("createdAt", signIn.createdAt().toString());
		detail.put("account", String.valueOf(signIn.userPrincipalName()));
		detail.put("ipAddress", String.valueOf(signIn.ipAddress()));
		incidents.appendTimeline(incident, organization, now, "vigil", "containment-breached", detail);
		if (!before.status().isOpen()) {
			incidents.updateStatus(organization, incident, IncidentStatus.IN_PROGRESS, now);
			incidents.appendTimeline(incident, organization, now, "vigil", "status-changed",
					Map.of("from", before.status().name(), "to", IncidentStatus.IN_PROGRESS.name()));
		}
		events.publishEvent(updated(before, IncidentUpdated.Change.CONTAINMENT_BREACHED, "vigil", reason));
	}

	/**
	 * A customer's verdict, with the reason they give. "This was not us" confirms the
	 * compromise. "This was us" or "our VPN" closes a low or medium incident as benign;
	 * on a high or critical one it asks an analyst to review it (the incident stays
	 * open). Every verdict lands on the timeline (and, through {@link VerdictGiven}, in
	 * the audit log).
	 * @return false when there is no such incident
	 * @throws IllegalArgumentException without a reason, or when the incident is closed
	 * already
	 */
	@Transactional
	public boolean customerVerdict(OrganizationId organization, UUID incident, CustomerVerdict verdict, String reason,
			String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		if (reason.isBlank()) {
			throw new IllegalArgumentException("Say why, in a few words");
		}
		var before = current.get();
		if (!before.status().isOpen()) {
			throw new IllegalArgumentException("This incident is closed already");
		}
		var serious = before.severity().compareTo(io.vigil.detection.Severity.HIGH) >= 0;
		var after = switch (verdict) {
			case NOT_US -> IncidentStatus.CONFIRMED_COMPROMISE;
			case US, OUR_VPN -> serious ? IncidentStatus.CUSTOMER_SAYS_BENIGN : IncidentStatus.DISMISSED_BENIGN;
		};
		var now = clock.instant();
		incidents.updateStatus(organization, incident, after, now);
		incidents.appendTimeline(incident, organization, now, actor, "customer-verdict", Map.of("verdict",
				verdict.words(), "reason", reason.strip(), "from", before.status().name(), "to", after.name()));
		events.publishEvent(new VerdictGiven(organization, incident, actor, verdict.name(), reason.strip(),
				before.status(), after));
		var change = switch (after) {
			case CONFIRMED_COMPROMISE -> IncidentUpdated.Change.CONFIRMED_BY_CUSTOMER;
			case CUSTOMER_SAYS_BENIGN -> IncidentUpdated.Change.CUSTOMER_REVIEW_REQUESTED;
			default -> IncidentUpdated.Change.CLOSED;
		};
		events.publishEvent(updated(before, change, actor, verdict.words() + ": " + reason.strip()));
		return true;
	}

	/**
	 * The affected user answered "was this you?": the checklist's first step takes the
	 * answer ("Recognised" or "Not recognised" where it asks that), it goes on the
	 * timeline, and "no" raises the incident's severity one level. The incident's people
	 * are told.
	 * @return false when there is no such incident
	 */
	@Transactional
	public boolean userAnswered(OrganizationId organization, UUID incident, boolean wasMe, String note, String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		var before = current.get();
		var now = clock.instant();
		if (!before.checklist().isEmpty()) {
			var step = before.checklist().getFirst();
			var label = step.answers()
				.stream()
				.map(io.vigil.detection.ChecklistStep.Answer::label)
				.filter(candidate -> candidate.toLowerCase(java.util.Locale.ROOT).startsWith("not ") != wasMe)
				.findFirst()
				.orElse("done");
			var state = new java.util.LinkedHashMap<String, Object>();
			state.put("answer", label);
			state.put("note", (wasMe ? "The user says it was them" : "The user says it was not them")
					+ (note.isBlank() ? "" : ": " + note.strip()));
			state.put("by", actor);
			state.put("at", now.toString());
			incidents.putChecklistState(organization, incident, step.id(), state, now);
		}
		var severity = before.severity();
		if (!wasMe && severity != io.vigil.detection.Severity.CRITICAL) {
			severity = io.vigil.detection.Severity.values()[severity.ordinal() + 1];
			incidents.updateSeverity(organization, incident, severity, now);
		}
		incidents.appendTimeline(incident, organization, now, actor, "user-answered", Map.of("answer",
				wasMe ? "that was me" : "that was not me", "note", note.strip(), "severity", severity.name()));
		events.publishEvent(new IncidentUpdated(organization, before.managedTenantId(), incident, severity,
				IncidentUpdated.Change.USER_ANSWERED, actor, wasMe ? "The user says it was them"
						: "The user says it was NOT them: severity raised to " + severity.level()));
		return true;
	}

	/**
	 * The affected user did not answer "was this you?" in time: on the timeline, and the
	 * assignee is told.
	 */
	@Transactional
	public void userDidNotAnswer(OrganizationId organization, UUID incident, String waited) {
		incidents.find(organization, incident).ifPresent(found -> {
			incidents.appendTimeline(incident, organization, clock.instant(), "vigil", "user-did-not-answer",
					Map.of("waited", waited));
			events.publishEvent(updated(found, IncidentUpdated.Change.USER_ANSWERED, "vigil",
					"The user did not answer \"was this you?\" within " + waited));
		});
	}

	/**
	 * An analyst decides on a customer's "this was us": accepted closes the incident as
	 * benign, rejected takes it back into work. Only for incidents awaiting that review.
	 */
	@Transactional
	public boolean reviewCustomerVerdict(OrganizationId organization, UUID incident, boolean accept, String reason,
			String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		if (current.get().status() != IncidentStatus.CUSTOMER_SAYS_BENIGN) {
			throw new IllegalArgumentException("This incident awaits no review of a customer's answer");
		}
		if (reason.isBlank()) {
			throw new IllegalArgumentException("Say why, in a few words");
		}
		var after = accept ? IncidentStatus.DISMISSED_BENIGN : IncidentStatus.IN_PROGRESS;
		var now = clock.instant();
		incidents.updateStatus(organization, incident, after, now);
		incidents.appendTimeline(incident, organization, now, actor, "customer-verdict-reviewed",
				Map.of("decision", accept ? "accepted" : "rejected", "reason", reason.strip(), "to", after.name()));
		events.publishEvent(new VerdictGiven(organization, incident, actor, accept ? "accepted" : "rejected",
				reason.strip(), IncidentStatus.CUSTOMER_SAYS_BENIGN, after));
		events.publishEvent(updated(current.get(), IncidentUpdated.Change.CUSTOMER_REVIEW_DECIDED, actor,
				(accept ? "Accepted: " : "Rejected: ") + reason.strip()));
		return true;
	}

	/**
	 * Records an answer to a step of the incident's checklist (on the incident and its
	 * timeline). A question step takes one of its answers; any step can be skipped, but
	 * only with a reason.
	 * @param answer one of the step's answer labels, "done" for a step without answers,
	 * or "skipped"
	 * @return false when there is no such incident
	 * @throws IllegalArgumentException for an unknown step or answer, or a skip without a
	 * reason
	 */
	@Transactional
	public boolean answerChecklist(OrganizationId organization, UUID incident, String stepId, String answer,
			@Nullable String note, String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		var step = current.get()
			.checklist()
			.stream()
			.filter(s -> s.id().equals(stepId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the checklist has no step '" + stepId + "'"));
		var skipped = answer.equals("skipped");
		if (skipped && (note == null || note.isBlank())) {
			throw new IllegalArgumentException("skipping '" + step.text() + "' needs a reason");
		}
		var labels = step.answers().stream().map(io.vigil.detection.ChecklistStep.Answer::label).toList();
		if (!skipped && (labels.isEmpty() ? !answer.equals("done") : !labels.contains(answer))) {
			throw new IllegalArgumentException("'" + answer + "' is not an answer to '" + step.text() + "'; expected "
					+ (labels.isEmpty() ? "done or skipped" : String.join(", ", labels) + " or skipped"));
		}
		var now = clock.instant();
		var state = new java.util.LinkedHashMap<String, Object>();
		state.put("answer", answer);
		if (note != null && !note.isBlank()) {
			state.put("note", note);
		}
		state.put("by", actor);
		state.put("at", now.toString());
		incidents.putChecklistState(organization, incident, stepId, state, now);
		var detail = new java.util.LinkedHashMap<String, Object>(state);
		detail.remove("by");
		detail.remove("at");
		detail.put("step", stepId);
		incidents.appendTimeline(incident, organization, now, actor, "checklist-answered", detail);
		startWork(current.get(), actor, now);
		return true;
	}

	/**
	 * Adds an entry to an incident's timeline (a response action, say); false when there
	 * is no such incident.
	 */
	@Transactional
	public boolean recordOnTimeline(OrganizationId organization, UUID incident, String actor, String kind,
			Map<String, ?> detail) {
		var found = incidents.find(organization, incident);
		if (found.isEmpty()) {
			return false;
		}
		var now = clock.instant();
		incidents.appendTimeline(incident, organization, now, actor, kind, detail);
		if (kind.equals("action")) {
			// the work moves the incident: the first action starts it, and an action
			// completes its checklist step
			startWork(found.get(), actor, now);
			if ("success".equals(detail.get("outcome")) && detail.get("action") instanceof String action) {
				completeStepDoneBy(found.get(), action, actor, now);
			}
		}
		return true;
	}

	/**
	 * Marks every step still ahead on the checklist's path as skipped, with the reason (a
	 * suppression closing it).
	 */
	@Transactional
	public void closePendingSteps(OrganizationId organization, UUID incident, String actor, String reason) {
		var current = incidents.find(organization, incident).orElse(null);
		var now = clock.instant();
		var state = new java.util.HashMap<String, Object>(current == null ? Map.of() : current.checklistState());
		var closed = 0;
		// a skipped step follows its default next step; the guard ends a malformed
		// (cyclic) checklist
		for (int guard = 0; current != null && guard <= current.checklist().size(); guard++) {
			var step = ChecklistWalk.of(current.checklist(), state).current();
			if (step == null) {
				break;
			}
			var answer = new java.util.LinkedHashMap<String, Object>();
			answer.put("answer", "skipped");
			answer.put("note", reason);
			answer.put("by", actor);
			answer.put("at", now.toString());
			state.put(step.id(), answer);
			incidents.putChecklistState(organization, incident, step.id(), answer, now);
			closed++;
		}
		if (closed > 0) {
			incidents.appendTimeline(incident, organization, now, actor, "checklist-closed",
					Map.of("steps", closed, "reason", reason));
		}
	}

	/**
	 * A person's first work on a new incident moves it to in progress, and assigns it to
	 * them if nobody has it.
	 */
	private void startWork(Incident incident, String actor, Instant now) {
		if (actor.equals("vigil")) {
			return;
		}
		var current = incidents.find(incident.organizationId(), incident.id()).orElse(incident);
		if (current.status() == IncidentStatus.NEW) {
			incidents.updateStatus(current.organizationId(), current.id(), IncidentStatus.IN_PROGRESS, now);
			incidents.appendTimeline(current.id(), current.organizationId(), now, actor, "status-changed",
					Map.of("from", IncidentStatus.NEW.name(), "to", IncidentStatus.IN_PROGRESS.name(), "reason",
							"work started"));
		}
		if (current.assignee() == null) {
			incidents.updateAssignee(current.organizationId(), current.id(), actor, now);
			incidents.appendTimeline(current.id(), current.organizationId(), now, actor, "assigned",
					Map.of("assignee", actor));
		}
	}

	private void completeStepDoneBy(Incident incident, String action, String actor, Instant now) {
		var current = incidents.find(incident.organizationId(), incident.id()).orElse(incident);
		var step = ChecklistWalk.of(current.checklist(), current.checklistState()).current();
		if (step == null || !step.answers().isEmpty() || !ChecklistWalk.doneBy(step, action)) {
			return;
		}
		var state = new java.util.LinkedHashMap<String, Object>();
		state.put("answer", "done");
		state.put("note", "by the action");
		state.put("by", actor);
		state.put("at", now.toString());
		incidents.putChecklistState(current.organizationId(), current.id(), step.id(), state, now);
		incidents.appendTimeline(current.id(), current.organizationId(), now, actor, "checklist-answered",
				Map.of("answer", "done", "note", "by the action", "step", step.id()));
	}

	/** Adds a comment to an incident's timeline; false when there is no such incident. */
	@Transactional
	public boolean comment(OrganizationId organization, UUID incident, String text, String actor) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("The comment is empty");
		}
		return recordOnTimeline(organization, incident, actor, "comment", Map.of("text", text.strip()));
	}

	/**
	 * Assigns an incident (null: unassigns), recorded on its timeline; false when there
	 * is no such incident.
	 */
	@Transactional
	public boolean assign(OrganizationId organization, UUID incident, @Nullable String assignee, String actor) {
		var now = clock.instant();
		if (!incidents.updateAssignee(organization, incident, assignee, now)) {
			return false;
		}
		incidents.appendTimeline(incident, organization, now, actor, "assigned",
				Map.of("assignee", assignee == null ? "" : assignee));
		return true;
	}

}
