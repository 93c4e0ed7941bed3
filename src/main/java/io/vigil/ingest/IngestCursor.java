package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.vigil.graph.SignInEventType;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * Where polling of one tenant and event type stands: the watermark (everything created
 * before it was listed at least once), and the window in progress with the nextLink of
 * its next page.
 */
record IngestCursor(OrganizationId organizationId, ManagedTenantId managedTenantId, SignInEventType eventType,
		Instant watermark, @Nullable Instant deepScannedAt, @Nullable Instant windowFrom, @Nullable Instant windowTo,
		boolean windowDeep, @Nullable String nextLink) {

	boolean inWindow() {
		return windowFrom != null && windowTo != null;
	}

	/**
	 * Whether a new window is due: each type is paced by its own watermark, so one type
	 * cannot starve another.
	 */
	boolean isDue(Instant now, Duration pollInterval) {
		return !watermark.plus(pollInterval).isAfter(now);
	}

	/**
	 * The next window: from the watermark minus the overlap up to now, or, when a deep
	 * scan is due, from the horizon, so events Graph lists hours late are still found.
	 */
	IngestCursor openWindow(Instant now, Duration overlap, Duration horizon, Duration deepScanInterval) {
		var to = now.truncatedTo(ChronoUnit.SECONDS);
		var deep = deepScannedAt == null || !deepScannedAt.plus(deepScanInterval).isAfter(now);
		var from = watermark.minus(overlap);
		if (deep && to.minus(horizon).isBefore(from)) {
			from = to.minus(horizon);
		}
		return new IngestCursor(organizationId, managedTenantId, eventType, watermark, deepScannedAt,
				from.isAfter(to) ? to : from, to, deep, null);
	}

	IngestCursor next(@Nullable String link) {
		return new IngestCursor(organizationId, managedTenantId, eventType, watermark, deepScannedAt, windowFrom,
				windowTo, windowDeep, link);
	}

	/** The window is done: the watermark moves to its end. */
	IngestCursor closeWindow() {
		var end = windowTo == null ? watermark : windowTo;
		return new IngestCursor(organizationId, managedTenantId, eventType, end.isAfter(watermark) ? end : watermark,
				windowDeep ? end : deepScannedAt, null, null, false, null);
	}

}
