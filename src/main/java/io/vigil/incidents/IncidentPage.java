package io.vigil.incidents;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of the queue, and where the next one starts (null on the last page). */
public record IncidentPage(List<Incident> incidents, @Nullable String next) {

	public IncidentPage {
		incidents = List.copyOf(incidents);
	}

}
