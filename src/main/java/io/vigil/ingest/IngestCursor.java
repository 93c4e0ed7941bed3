package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * Where polling of one tenant and source stands: the watermark (everything created before
 * it was listed at least once), and the window in progress with the nextLink of its next
 * page.
 *
 * @param source a sign-in event type's Graph name or an activity source's key
 * @param refusedUntil while the tenant refuses this source (no licence, no permission),
 * it is not polled before then; its other sources are
 */
record IngestCursor(OrganizationId organizationId, ManagedTenantId managedTenantId, String source, Instant watermark,
		@Nullable Instant deepScannedAt, @Nullable Instant windowFrom, @Nullable Instant windowTo, boolean windowDeep,
		@Nullable String nextLink, @Nullable Instant refusedUntil, @Nullable String refusedReason) {

	IngestCursor(OrganizationId organizationId, ManagedTenantId managedTenantId, String source, Instant watermark,
			@Nullable Instant deepScannedAt, @Nullable Instant windowFrom, @Nullable Instant windowTo,
			boolean windowDeep, @Nullable String nextLink) {
		this(organizationId, managedTenantId, source, watermark, deepScannedAt, windowFrom, windowTo, windowDeep,
				nextLink, null, null);
	}

	boolean refusedAt(Instant now) {
		return refusedUntil != null && refusedUntil.isAfter(now);
	}

	/** The tenant refused the source: try again after {@code until}, keep the window. */
	IngestCursor refused(Instant until, String reason) {
		return new IngestCursor(organizationId, managedTenantId, source, watermark, deepScannedAt, windowFrom, windowTo,
				windowDeep, nextLink, until, reason);
	}

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
		return new IngestCursor(organizationId, managedTenantId, source, watermark, deepScannedAt,
				from.isAfter(to) ? to : from, to, deep, null);
	}

	IngestCursor next(@Nullable String link) {
		return new IngestCursor(organizationId, managedTenantId, source, watermark, deepScannedAt, windowFrom, windowTo,
				windowDeep, link);
	}

	/** The window is done: the watermark moves to its end. */
	IngestCursor closeWindow() {
		var end = windowTo == null ? watermark : windowTo;
		return new IngestCursor(organizationId, managedTenantId, source, end.isAfter(watermark) ? end : watermark,
				windowDeep ? end : deepScannedAt, null, null, false, null);
	}

}
