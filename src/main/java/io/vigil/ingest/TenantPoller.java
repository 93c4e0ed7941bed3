package io.vigil.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.vigil.graph.ActivityFeed;
import io.vigil.graph.ActivityQuery;
import io.vigil.graph.ActivitySource;
import io.vigil.graph.Backlog;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphRetryLater;
import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.SignInEventType;
import io.vigil.graph.SignInFeed;
import io.vigil.graph.SignInQuery;
import io.vigil.ingest.IngestStateRepository.TenantWork;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import io.vigil.tenants.TenantStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Polls one leased tenant: for each event type, continues the window in progress (or
 * opens the next) and follows every nextLink, committing page by page. Whatever happens,
 * the tenant is handed back with its next due time: a budget wait or 429 is no failure; a
 * licence or consent refusal marks the tenant and retries rarely; other errors back off
 * exponentially and mark the tenant failing after a few. One tenant's trouble never
 * delays another's poll.
 */
@Component
class TenantPoller {

	private static final Logger log = LoggerFactory.getLogger(TenantPoller.class);

	private final ManagedTenants tenants;

	private final SignInFeed feed;

	private final ActivityFeed activityFeed;

	private final IngestStateRepository state;

	private final PageCommitter committer;

	private final IngestSettings settings;

	private final Clock clock;

	private final IngestMetrics metrics;

	private final org.springframework.beans.factory.ObjectProvider<SignInMemberDemand> demand;

	TenantPoller(ManagedTenants tenants, SignInFeed feed, ActivityFeed activityFeed, IngestStateRepository state,
			PageCommitter committer, IngestSettings settings, Clock clock, IngestMetrics metrics,
			org.springframework.beans.factory.ObjectProvider<SignInMemberDemand> demand) {
		this.metrics = metrics;
		this.demand = demand;
		this.tenants = tenants;
		this.feed = feed;
		this.activityFeed = activityFeed;
		this.state = state;
		this.committer = committer;
		this.settings = settings;
		this.clock = clock;
	}

	void poll(TenantWork work, String owner) {
		try (var organization = org.slf4j.MDC.putCloseable("organization", work.organizationId().value().toString());
				var tenantId = org.slf4j.MDC.putCloseable("tenant", work.managedTenantId().value().toString())) {
			pollTenant(work, owner);
		}
	}

	private void pollTenant(TenantWork work, String owner) {
		var tenant = work.managedTenantId();
		var credentials = tenants.graphCredentials(work.organizationId(), tenant);
		if (credentials.isEmpty()) {
			state.untrack(work.organizationId(), tenant);
			return;
		}
		try {
			var stored = 0;
			@Nullable Instant backlogWaits = null;
			var signInsHeldBack = false;
			for (var source : oldestFirst(work)) {
				if (!source.backlog()) {
					stored += poll(work, credentials.get(), source.kind(), owner);
					continue;
				}
				try {
					stored += Backlog.call(() -> poll(work, credentials.get(), source.kind(), owner));
				}
				catch (GraphRetryLater ex) {
					if (ex.throttledByGraph()) {
						throw ex;
					}
					// the budget holds the backlog back: the tenant's other sources go on
					backlogWaits = backlogWaits == null || ex.retryAt().isBefore(backlogWaits) ? ex.retryAt()
							: backlogWaits;
					signInsHeldBack |= source.kind() instanceof SignInEventType;
				}
			}
			var now = clock.instant();
			if (signInsHeldBack) {
				state.postponed(tenant, owner, backlogWaits);
				return;
			}
			// at most audits or risk detections wait for the budget: the
			// sign-ins are read, so the tenant counts as current for the next
			// lease, and is polled again when the budget has room
			var next = backlogWaits != null ? backlogWaits
					: nextPoll(tenant, now, stored > 0 ? settings.pollInterval() : settings.quietPollInterval());
			state.succeeded(tenant, owner, now, next);
			metrics.polled(tenant);
			tenants.recordStatus(work.organizationId(), tenant, TenantStatus.CONNECTED, null);
		}
		catch (GraphRetryLater ex) {
			state.postponed(tenant, owner, ex.retryAt());
		}
		catch (GraphAccessDenied ex) {
			refused(work, owner, ex);
		}
		catch (GraphUnavailable ex) {
			failed(work, owner, ex);
		}
		catch (PageCommitter.LeaseLost ex) {
			log.info("Tenant {} was taken over by another replica", tenant);
		}
	}

	/**
	 * @return how many new sign-ins it stored
	 */
	private int poll(TenantWork work, GraphCredentials credentials, Enum<?> source, String owner) {
		return switch (source) {
			case SignInEventType type -> pollType(work, credentials, type, owner);
			case ActivitySource activity -> {
				pollActivity(work, credentials, activity, owner);
				yield 0;
			}
			default -> throw new IllegalStateException("Unknown source " + source);
		};
	}

	/**
	 * The tenant's sources, the one read longest ago first: when the Graph budget runs
	 * out partway through a poll, the next poll starts with the sources it did not reach,
	 * so no source starves behind the others. Those catching up on a backlog (a new
	 * tenant's first day, a source that fell behind) are marked: their requests go as
	 * {@link Backlog}, leaving part of the app's budget to the current sources of every
	 * tenant, and when the budget holds a backlog back the poll goes on with the tenant's
	 * other sources.
	 */
	private List<Source> oldestFirst(TenantWork work) {
		var cursors = state.cursors(work.managedTenantId());
		var watermarks = new java.util.LinkedHashMap<Enum<?>, Instant>();
		var kinds = new ArrayList<Enum<?>>(List.of(SignInEventType.values()));
		kinds.addAll(List.of(ActivitySource.values()));
		for (var kind : kinds) {
			var cursor = cursors.get(key(kind));
			watermarks.put(kind, cursor == null ? Instant.EPOCH : cursor.watermark());
		}
		var now = clock.instant();
		// a source is behind when it has not been read for its interval and then some:
		// audits, read every few minutes, are not a backlog just before their next read
		return oldestFirst(watermarks, kind -> now
			.minus(kind instanceof ActivitySource ? settings.activityPollInterval() : settings.quietPollInterval())
			.minus(settings.backlogAfter()));
	}

	/**
	 * @param watermarks how far each source is read
	 * @param currentSince for each source: read up to before this, it is catching up
	 */
	static List<Source> oldestFirst(java.util.Map<Enum<?>, Instant> watermarks,
			java.util.function.Function<Enum<?>, Instant> currentSince) {
		var sources = new ArrayList<Source>();
		watermarks.forEach((kind, watermark) -> sources
			.add(new Source(kind, watermark, watermark.isBefore(currentSince.apply(kind)))));
		sources.sort(Comparator.comparing(Source::watermark));
		return sources;
	}

	/** A source of the tenant, how far it is read, and whether it is catching up. */
	record Source(Enum<?> kind, Instant watermark, boolean backlog) {
	}

	/**
	 * When the tenant is polled next: after {@code interval}, or sooner when a type of
	 * sign-in was read before this poll and so was not due in it. While a backlog holds a
	 * tenant's polls back, its types are read at different times; scheduled from the end
	 * of the poll alone, a type read just before would wait nearly two intervals
	 * (ScaleBenchmark: 130 s while a thousand new tenants were read).
	 */
	private Instant nextPoll(ManagedTenantId tenant, Instant now, Duration interval) {
		var cursors = state.cursors(tenant);
		var watermarks = new ArrayList<Instant>();
		for (var type : SignInEventType.values()) {
			var cursor = cursors.get(type.graphName());
			if (cursor != null && !cursor.inWindow()) {
				watermarks.add(cursor.watermark());
			}
		}
		return nextPoll(now, interval, settings.tick(), watermarks);
	}

	/**
	 * @param watermarks how far each type of sign-in is read
	 * @param soonest the least time until the next poll
	 */
	static Instant nextPoll(Instant now, Duration interval, Duration soonest, List<Instant> watermarks) {
		var next = now.plus(interval);
		for (var watermark : watermarks) {
			var due = watermark.plus(interval);
			if (due.isBefore(next)) {
				next = due;
			}
		}
		var earliest = now.plus(soonest);
		return next.isBefore(earliest) ? earliest : next;
	}

	private static String key(Enum<?> source) {
		return source instanceof SignInEventType type ? type.graphName() : ((ActivitySource) source).key();
	}

	/** The members of each sign-in record the listeners read; all without a demand. */
	private io.vigil.shared.MemberSelection members(TenantWork work) {
		var known = demand.getIfAvailable();
		return known == null ? io.vigil.shared.MemberSelection.ALL
				: known.members(work.organizationId(), work.managedTenantId());
	}

	/**
	 * @return how many new sign-ins it stored
	 */
	private int pollType(TenantWork work, GraphCredentials credentials, SignInEventType type, String owner) {
		var stored = 0;
		var cursor = openCursor(work, type.graphName(), settings.pollInterval());
		var members = members(work);
		while (cursor != null && cursor.inWindow()) {
			var page = cursor.nextLink() == null
					? feed.firstPage(credentials,
							new SignInQuery(type, cursor.windowFrom(), cursor.windowTo(), settings.pageSize()), members)
					: feed.nextPage(credentials, cursor.nextLink(), members);
			var committed = committer.commit(cursor, page, owner, settings.lease());
			cursor = committed.cursor();
			stored += committed.stored();
		}
		return stored;
	}

	/**
	 * Like sign-ins, except that a refusal (no Entra ID P2 for risk detections, a missing
	 * permission) marks this source alone and is retried rarely: the tenant's other
	 * sources keep flowing. A revoked consent still stops the whole tenant.
	 */
	private void pollActivity(TenantWork work, GraphCredentials credentials, ActivitySource source, String owner) {
		var existing = state.cursor(work.managedTenantId(), source.key());
		if (existing.isPresent() && existing.get().refusedAt(clock.instant())) {
			return;
		}
		var cursor = openCursor(work, source.key(), settings.activityPollInterval());
		try {
			while (cursor != null && cursor.inWindow()) {
				var page = cursor.nextLink() == null
						? activityFeed.firstPage(credentials,
								new ActivityQuery(source, cursor.windowFrom(), cursor.windowTo(), settings.pageSize()))
						: activityFeed.nextPage(credentials, source, cursor.nextLink());
				cursor = committer.commit(cursor, source, page, owner, settings.lease());
			}
		}
		catch (GraphAccessDenied ex) {
			if (ex.reason() == GraphAccessDenied.Reason.CONSENT_MISSING) {
				throw ex;
			}
			var retry = ex.reason() == GraphAccessDenied.Reason.LICENCE_REQUIRED ? settings.licenceRetry()
					: settings.consentRetry();
			log.info("Tenant {} refused its {}: {}", work.managedTenantId(), source.label(), ex.getMessage());
			state.save(cursor.refused(clock.instant().plus(retry), ex.getMessage()));
		}
	}

	/**
	 * The source's cursor with a window to page through: the one in progress, or the next
	 * one when due; null when it is not due yet.
	 */
	private @Nullable IngestCursor openCursor(TenantWork work, String source, Duration interval) {
		var now = clock.instant();
		var cursor = state.cursor(work.managedTenantId(), source)
			.orElseGet(() -> new IngestCursor(work.organizationId(), work.managedTenantId(), source,
					now.minus(settings.initialLookback()), null, null, null, false, null));
		if (cursor.refusedUntil() != null) {
			// a refusal that has run out: try again
			cursor = cursor.refused(null, null);
		}
		if (!cursor.inWindow()) {
			if (!cursor.isDue(now, interval)) {
				// polled recently, while another source waited for the budget: let that
				// one catch up first
				return null;
			}
			cursor = cursor.openWindow(now, settings.overlap(), settings.horizon(), settings.deepScanInterval());
			state.save(cursor);
		}
		return cursor;
	}

	private void refused(TenantWork work, String owner, GraphAccessDenied ex) {
		var status = switch (ex.reason()) {
			case LICENCE_REQUIRED -> TenantStatus.UNLICENSED;
			case CONSENT_MISSING -> TenantStatus.CONSENT_REVOKED;
			case PERMISSION_MISSING -> TenantStatus.FAILING;
		};
		var retry = ex.reason() == GraphAccessDenied.Reason.LICENCE_REQUIRED ? settings.licenceRetry()
				: settings.consentRetry();
		log.warn("Tenant {} refused sign-in logs: {}", work.managedTenantId(), ex.getMessage());
		state.failed(work.managedTenantId(), owner, clock.instant().plus(retry), work.consecutiveFailures() + 1,
				ex.getMessage());
		tenants.recordStatus(work.organizationId(), work.managedTenantId(), status, ex.getMessage());
	}

	private void failed(TenantWork work, String owner, GraphUnavailable ex) {
		var failures = work.consecutiveFailures() + 1;
		log.warn("Polling tenant {} failed ({} in a row): {}", work.managedTenantId(), failures, ex.getMessage());
		state.failed(work.managedTenantId(), owner, clock.instant().plus(settings.backoff(failures)), failures,
				ex.getMessage());
		if (failures >= settings.failingAfter()) {
			tenants.recordStatus(work.organizationId(), work.managedTenantId(), TenantStatus.FAILING,
					failures + " polls in a row failed; last: " + ex.getMessage());
		}
	}

}
