package io.vigil.incidents;

import java.time.Clock;
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
