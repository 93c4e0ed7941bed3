package io.vigil.incidents;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A directory audit or risk detection that is an incident's evidence.
 *
 * @param evidence which parts of the rule matched, the record in one line, who acted
 */
public record IncidentActivity(long recordId, String graphId, Instant occurredAt, @Nullable String ipAddress,
		Map<String, Object> evidence) {

	public IncidentActivity {
		evidence = Map.copyOf(evidence);
	}

}
