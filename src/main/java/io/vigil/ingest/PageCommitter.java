package io.vigil.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.vigil.graph.ActivityPage;
import io.vigil.graph.ActivitySource;
import io.vigil.graph.SignInPage;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits one Graph page in one transaction: its sign-ins, its quarantined records, the
 * cursor's next position and the {@link SignInsIngested} event (stored by the publication
 * registry in the same transaction). A crash before the commit leaves the cursor at the
 * page, which is fetched again; a crash after it resumes at the next page.
 */
@Component
class PageCommitter {

	private final SignInStore store;

	private final RecentSignIns recent;

	private final ActivityStore activities;

	private final IngestStateRepository state;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final IngestMetrics metrics;

	PageCommitter(SignInStore store, RecentSignIns recent, ActivityStore activities, IngestStateRepository state,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock, IngestMetrics metrics) {
		this.metrics = metrics;
		this.store = store;
		this.recent = recent;
		this.activities = activities;
		this.state = state;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @return the cursor after the page, and how many of its sign-ins were new
	 * @throws LeaseLost when another replica took the tenant over meanwhile; nothing is
	 * committed then
	 */
	Committed commit(IngestCursor cursor, SignInPage page, String owner, Duration lease) {
		var stored = new int[1];
		var after = transactions.execute(status -> {
			var now = clock.instant();
			if (!state.renewLease(cursor.managedTenantId(), owner, now.plus(lease))) {
				throw new LeaseLost();
			}
			var inserted = store.insert(cursor.organizationId(), cursor.managedTenantId(), page.signIns(), now);
			var ids = inserted.stream().map(signIn -> signIn.facts().id()).toList();
			stored[0] = ids.size();
			// detection evaluates them from memory; should this commit fail, the ids are
			// never asked for
			recent.remember(inserted);
			rememberTrees(page, inserted);
			page.signIns()
				.stream()
				.map(io.vigil.graph.GraphSignIn::createdDateTime)
				.min(java.util.Comparator.naturalOrder())
				.ifPresent(oldest -> state.historyReaches(cursor.managedTenantId(), oldest));
			store.quarantine(cursor.organizationId(), cursor.managedTenantId(), cursor.source(), page.malformed(), now);
			var next = page.nextLink() == null ? cursor.closeWindow() : cursor.next(page.nextLink());
			state.save(next);
			if (!ids.isEmpty()) {
				events.publishEvent(
						new SignInsIngested(cursor.organizationId(), cursor.managedTenantId(), ids, clock.instant()));
			}
			return next;
		});
		metrics.stored(cursor.managedTenantId(), stored[0], page.malformed().size());
		return new Committed(after, stored[0]);
	}

	/**
	 * Hands the trees the reader built to detection, for the sign-ins that were new.
	 */
	private void rememberTrees(SignInPage page, List<RecentSignIns.Recent> inserted) {
		var byGraphId = new java.util.HashMap<String, io.vigil.graph.GraphSignIn>(page.signIns().size() * 2);
		page.signIns().forEach(signIn -> byGraphId.putIfAbsent(signIn.graphId(), signIn));
		for (var stored : inserted) {
			var signIn = byGraphId.get(stored.graphId());
			recent.rememberTree(stored.facts().id(), signIn.fields(), signIn.record().length());
		}
	}

	/**
	 * Commits one page of directory audits or risk detections the same way, publishing
	 * {@link ActivityIngested} for the new records.
	 * @return the cursor after the page
	 * @throws LeaseLost when another replica took the tenant over meanwhile
	 */
	IngestCursor commit(IngestCursor cursor, ActivitySource source, ActivityPage page, String owner, Duration lease) {
		var stored = new int[1];
		var after = transactions.execute(status -> {
			var now = clock.instant();
			if (!state.renewLease(cursor.managedTenantId(), owner, now.plus(lease))) {
				throw new LeaseLost();
			}
			var ids = activities.insert(cursor.organizationId(), cursor.managedTenantId(), source, page.records(), now);
			stored[0] = ids.size();
			store.quarantine(cursor.organizationId(), cursor.managedTenantId(), source.key(), page.malformed(), now);
			var next = page.nextLink() == null ? cursor.closeWindow() : cursor.next(page.nextLink());
			state.save(next);
			if (!ids.isEmpty()) {
				events.publishEvent(
						new ActivityIngested(cursor.organizationId(), cursor.managedTenantId(), ids, clock.instant()));
			}
			return next;
		});
		metrics.storedActivity(cursor.managedTenantId(), source, stored[0], page.malformed().size());
		return after;
	}

	record Committed(IngestCursor cursor, int stored) {
	}

	/** The tenant's lease expired and another replica holds it now. */
	static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super("Lease lost", null, false, false);
		}

	}

}
