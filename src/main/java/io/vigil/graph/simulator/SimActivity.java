package io.vigil.graph.simulator;

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * One directory audit or risk detection of a simulated tenant.
 *
 * @param source {@code directoryAudit} or {@code riskDetection}
 * @param visibleAt when Graph starts listing it (risk detections found offline, late
 * audits)
 * @param copies how many times Graph lists it (2 for a duplicate)
 * @param malformed rendered with a broken timestamp, to be quarantined
 * @param record the Graph record without its id and timestamp
 */
record SimActivity(String source, String id, Instant occurred, Instant visibleAt, int copies, boolean malformed,
		ObjectNode record) {
}
