package io.vigil.incidents;

import java.time.Instant;
import java.util.Map;

/** Something that happened to an incident: who, when, what. */
public record TimelineEntry(Instant at, String actor, String kind, Map<String, Object> detail) {
}
