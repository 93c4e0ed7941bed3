package io.vigil.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incidents module's API. Every method is scoped to an organization: an incident of another organization is
 * not found, never returned.
 */
@Service
public class Incidents {

	private final IncidentRepository incidents;

	private final Clock clock;

	Incidents(IncidentRepository incidents, Clock clock) {
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
	 * A page of the queue. {@code after} is the previous page's {@code next}; a cursor that does not parse starts at
	 * the top.
	 */
	@Transactional(readOnly = true)
	public IncidentPage search(OrganizationId organization, IncidentFilter filter, @Nullable String after, int size) {
		Instant afterLastSeen = null;
		UUID afterId = null;
		if (after != null && after.contains("_")) {
			try {
				afterLastSeen = Instant.ofEpochSecond(0, Long.parseLong(after.substring(0, after.indexOf('_'))) * 1000);
				afterId = UUID.fromString(after.substring(after.indexOf('_') + 1));
			}
			catch (IllegalArgumentException ex) {
				afterLastSeen = null;
				afterId = null;
			}
		}
		var rows = incidents.search(organization, filter, afterLastSeen, afterId, size + 1);
		var page = rows.size() > size ? rows.subList(0, size) : rows;
		String next = null;
		if (rows.size() > size) {
			var last = page.getLast();
			next = (last.lastSeen().getEpochSecond() * 1_000_000 + last.lastSeen().getNano() / 1000) + "_" + last.id();
		}
		return new IncidentPage(page, next);
	}

	/**
	 * How many incidents are in each status (of the tenants given, or all of the organization's). Kept for a few
	 * seconds: every queue page shows the counts, and counting a large organization's incidents on each would cost
	 * more than the page itself.
	 */
	@Transactional(readOnly = true)
	public Map<IncidentStatus, Long> countByStatus(OrganizationId organization,
			java.util.@Nullable Set<ManagedTenantId> visibleTenants) {
		var key = organization + "|" + (visibleTenants == null ? "*" : new java.util.TreeSet<>(visibleTenants.stream()
			.map(tenant -> tenant.value().toString()).toList()));
		var now = clock.instant();
		var cached = counts.get(key);
		if (cached != null && cached.at().plus(COUNTS_FRESH).isAfter(now)) {
			return cached.counts();
		}
		var fresh = incidents.countByStatus(organization, visibleTenants);
		counts.put(key, new Counted(fresh, now));
		if (counts.size() > 10_000) {
			counts.clear();
		}
		return fresh;
	}

	private static final java.time.Duration COUNTS_FRESH = java.time.Duration.ofSeconds(5);

	private record Counted(Map<IncidentStatus, Long> counts, Instant at) {
	}

	private final java.util.concurrent.ConcurrentMap<String, Counted> counts = new java.util.concurrent.ConcurrentHashMap<>();

	@Transactional(readOnly = true)
	public List<IncidentSignIn> signIns(OrganizationId organization, UUID incident) {
		return incidents.signIns(organization, incident);
	}

	@Transactional(readOnly = true)
	public List<TimelineEntry> timeline(OrganizationId organization, UUID incident) {
		return incidents.timeline(organization, incident);
	}

	/** Moves an incident to a status, recorded on its timeline; false when there is no such incident. */
	@Transactional
	public boolean changeStatus(OrganizationId organization, UUID incident, IncidentStatus status, String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		var now = clock.instant();
		incidents.updateStatus(organization, incident, status, now);
		incidents.appendTimeline(incident, organization, now, actor, "status-changed",
				Map.of("from", current.get().status().name(), "to", status.name()));
		return true;
	}

	/**
	 * Records an answer to a step of the incident's checklist (on the incident and its timeline). A question step
	 * takes one of its answers; any step can be skipped, but only with a reason.
	 *
	 * @param answer one of the step's answer labels, "done" for a step without answers, or "skipped"
	 * @return false when there is no such incident
	 * @throws IllegalArgumentException for an unknown step or answer, or a skip without a reason
	 */
	@Transactional
	public boolean answerChecklist(OrganizationId organization, UUID incident, String stepId, String answer,
			@Nullable String note, String actor) {
		var current = incidents.find(organization, incident);
		if (current.isEmpty()) {
			return false;
		}
		var step = current.get().checklist().stream().filter(s -> s.id().equals(stepId)).findFirst()
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
		return true;
	}

	/** Adds an entry to an incident's timeline (a response action, say); false when there is no such incident. */
	@Transactional
	public boolean recordOnTimeline(OrganizationId organization, UUID incident, String actor, String kind,
			Map<String, ?> detail) {
		if (incidents.find(organization, incident).isEmpty()) {
			return false;
		}
		incidents.appendTimeline(incident, organization, clock.instant(), actor, kind, detail);
		return true;
	}

	/** Adds a comment to an incident's timeline; false when there is no such incident. */
	@Transactional
	public boolean comment(OrganizationId organization, UUID incident, String text, String actor) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("The comment is empty");
		}
		return recordOnTimeline(organization, incident, actor, "comment", Map.of("text", text.strip()));
	}

	/** Assigns an incident (null: unassigns), recorded on its timeline; false when there is no such incident. */
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
