package io.vigil.web.incidents;

import java.util.UUID;

import io.vigil.incidents.Incident;
import io.vigil.incidents.Incidents;
import io.vigil.security.VigilUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The incident a request names, as this person may see it: another organization's or
 * tenant's does not exist.
 */
@Component
class VisibleIncidents {

	private final Incidents incidents;

	VisibleIncidents(Incidents incidents) {
		this.incidents = incidents;
	}

	Incident find(VigilUser user, UUID id) {
		return incidents.find(user.organizationId(), id)
			.filter(incident -> user.maySee(incident.managedTenantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/**
	 * As {@link #find}, for a person who may act (responders and admins); others are
	 * refused.
	 */
	Incident forActing(VigilUser user, UUID id) {
		if (!user.mayAct()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		return find(user, id);
	}

}
