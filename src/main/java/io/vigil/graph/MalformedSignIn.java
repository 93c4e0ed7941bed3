package io.vigil.graph;

import org.jspecify.annotations.Nullable;

/**
 * A record of a Graph page (sign-ins, audits, risk detections) that could not be read. It
 * is kept for quarantine, never dropped, and the rest of its page is ingested.
 *
 * @param graphId the record's id when it had a readable one
 * @param rawRecord the record exactly as received
 * @param error what is wrong with it
 */
public record MalformedSignIn(@Nullable String graphId, String rawRecord, String error) {
}
