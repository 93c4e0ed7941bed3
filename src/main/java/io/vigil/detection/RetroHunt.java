package io.vigil.detection;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.vigil.detection.customization.TenantPlaceholders;
import io.vigil.detection.evaluation.BehaviourDetection;
import io.vigil.detection.evaluation.CorrelationDetection;
import io.vigil.detection.evaluation.EvaluationPool;
import io.vigil.detection.evaluation.Matches;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.sigma.CorrelationWindows;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.ingest.SignInLog;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a new or changed rule (or rules of the catalogue) over a tenant's stored sign-ins
 * for a time range and reports what it would have matched; it raises incidents only when
 * asked. Behavioural rules run on the scanned sign-ins in batches against the stored
 * history; correlations over everything scanned, in memory (a hunt stores nothing).
 */
@Service
public class RetroHunt {

	/** Matches listed in a report at most; the count covers all of them. */
	public static final int LISTED_MATCHES = 1_000;

	private static final int PUBLISH_BATCH = 500;

	/** Matches of correlated rules kept per group in a hunt: bounds a flood's memory. */
	private static final int CORRELATED_PER_GROUP = 5000;

	private final SignInLog signIns;

	private final RuleCatalog catalog;

	private final TenantPlaceholders placeholders;

	private final Matches matches;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EvaluationPool pool;

	private final TransactionTemplate transactions;

	private final DetectionSettings settings;

	private final BehaviourDetection behaviours;

	private final CorrelationDetection correlations;

	RetroHunt(SignInLog signIns, RuleCatalog catalog, TenantPlaceholders placeholders, Matches matches,
			ApplicationEventPublisher events, Clock clock, EvaluationPool pool, PlatformTransactionManager transactions,
			DetectionSettings settings, BehaviourDetection behaviours, CorrelationDetection correlations) {
		this.behaviours = behaviours;
		this.correlations = correlations;
		this.pool = pool;
		this.transactions = new TransactionTemplate(transactions);
		this.settings = settings;
		this.signIns = signIns;
		this.catalog = catalog;
		this.placeholders = placeholders;
		this.matches = matches;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param sigmaYaml a rule to try (an upload, not yet in the catalogue); null: the
	 * catalogue's rules
	 * @param ruleIds which catalogue rules to run; empty: all (ignored with
	 * {@code sigmaYaml})
	 * @param raiseIncidents whether matches become incidents like live ones
	 * @throws io.vigil.detection.sigma.SigmaException when the given rule cannot be
	 * loaded
	 */
	public record Request(ManagedTenantId tenant, Instant from, Instant to, @Nullable String sigmaYaml,
			Set<String> ruleIds, boolean raiseIncidents) {
	}

	/**
	 * @param complete false when the hunt stopped at its time budget: the counts cover
	 * what was scanned
	 */
	public record Report(long scanned, long matched, List<Hit> hits, List<RuleStatus> statuses, boolean complete) {
	}

	public record Hit(String ruleId, String ruleTitle, long signInId, String graphId, Instant createdAt,
			@Nullable String accountUpn, @Nullable String ipAddress) {
	}

	/**
	 * Runs on the {@link EvaluationPool}, never on the caller's (request) thread, and
	 * stops at the hunt budget: a rule that is slow on stored sign-ins costs its author a
	 * partial report, not the service its threads.
	 */
	public Report hunt(OrganizationId organization, Request request) {
		var budget = settings.huntBudget();
		try {
			return pool.hunt(() -> transactions.execute(status -> huntWithin(organization, request, budget)),
					budget.plusSeconds(5));
		}
		catch (EvaluationPool.TooSlow queuedTooLong) {
			// other hunts held the thread for the whole budget: nothing scanned, said so
			return new Report(0, 0, List.of(), List.of(), false);
		}
	}

	private Report huntWithin(OrganizationId organization, Request request, Duration budget) {
		var book = ruleBook(organization, request);
		var hits = new ArrayList<Hit>();
		var pending = new ArrayList<SignInMatch>();
		long[] counts = new long[2];
		long deadline = System.nanoTime() + budget.toNanos();
		try {
			scan(organization, request, book, hits, pending, counts, deadline);
		}
		catch (BudgetSpent spent) {
			publish(organization, request.tenant(), pending);
			return new Report(counts[0], counts[1], hits, book.statuses(), false);
		}
		publish(organization, request.tenant(), pending);
		return new Report(counts[0], counts[1], hits, book.statuses(), true);
	}

	private void scan(OrganizationId organization, Request request, RuleBook book, List<Hit> hits,
			List<SignInMatch> pending, long[] counts, long deadline) {
		var found = new Found(organization, request, hits, pending, counts);
		var correlated = new java.util.LinkedHashMap<List<String>, List<CorrelationWindows.Match>>();
		var keys = new java.util.HashMap<List<String>, RuleBook.CorrelationKey>();
		var batch = new ArrayList<Long>();
		signIns.forEach(organization, request.tenant(), request.from(), request.to(), stored -> {
			if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
				throw new BudgetSpent();
			}
			counts[0]++;
			var event = matches.event(stored);
			for (var match : matches.evaluate(book, stored, event)) {
				for (var key : book.correlationKeys(match.ruleId(), event)) {
					var group = List.of(key.correlation().id(), key.groupKey());
					keys.putIfAbsent(group, key);
					var list = correlated.computeIfAbsent(group, g -> new ArrayList<>());
					if (list.size() < CORRELATED_PER_GROUP) {
						list.add(new CorrelationWindows.Match(stored.id(), stored.createdAt(), match.ruleId(),
								key.value()));
					}
				}
				if (!book.silent(match.ruleId())) {
					found.add(match);
				}
			}
			batch.add(stored.id());
			if (batch.size() == PUBLISH_BATCH) {
				behaviours.evaluate(book, organization, request.tenant(), batch).forEach(found::add);
				batch.clear();
			}
		});
		behaviours.evaluate(book, organization, request.tenant(), batch).forEach(found::add);
		// correlations over everything scanned: every stored match counts as new here
		var windows = new ArrayList<java.util.Map.Entry<CorrelationDetection.Input, List<CorrelationWindows.Match>>>();
		correlated.forEach((group, list) -> {
			var key = keys.get(group);
			var all = list.stream().map(CorrelationWindows.Match::id).collect(java.util.stream.Collectors.toSet());
			var window = CorrelationWindows.find(key.correlation().correlation(), key.correlation().ruleIds(), list,
					all);
			if (!window.isEmpty()) {
				windows.add(java.util.Map.entry(
						new CorrelationDetection.Input(key.correlation(), "", 0L, Instant.EPOCH, key.groupKey(), null),
						window));
			}
		});
		correlations.describe(organization, request.tenant(), windows).forEach(found::add);
	}

	/**
	 * What the hunt found: counted and listed, and published when asked; a sign-in a
	 * behavioural rule names again (a spray completed by a later batch) counts once.
	 */
	private final class Found {

		private final OrganizationId organization;

		private final Request request;

		private final List<Hit> hits;

		private final List<SignInMatch> pending;

		private final long[] counts;

		private final java.util.Set<String> seen = new java.util.HashSet<>();

		Found(OrganizationId organization, Request request, List<Hit> hits, List<SignInMatch> pending, long[] counts) {
			this.organization = organization;
			this.request = request;
			this.hits = hits;
			this.pending = pending;
			this.counts = counts;
		}

		void add(SignInMatch match) {
			if (!seen.add(match.ruleId() + "/" + match.signInId())) {
				return;
			}
			counts[1]++;
			if (hits.size() < LISTED_MATCHES) {
				hits.add(new Hit(match.ruleId(), match.ruleTitle(), match.signInId(), match.graphId(),
						match.createdAt(), match.accountUpn(), match.ipAddress()));
			}
			if (request.raiseIncidents()) {
				pending.add(match);
				if (pending.size() == PUBLISH_BATCH) {
					publish(organization, request.tenant(), pending);
				}
			}
		}

	}

	/** Ends a scan at its budget; carries no stack trace, it is not an error. */
	private static final class BudgetSpent extends RuntimeException {

		BudgetSpent() {
			super(null, null, false, false);
		}

	}

	private RuleBook ruleBook(OrganizationId organization, Request request) {
		var values = Placeholders.of(placeholders.values(organization, request.tenant()));
		if (request.sigmaYaml() != null) {
			var library = RuleLibrary.empty();
			library.addSigma("uploaded rule", new StringReader(request.sigmaYaml()));
			return library.ruleBook(values);
		}
		var book = catalog.library(organization).ruleBook(values);
		if (request.ruleIds().isEmpty()) {
			return book;
		}
		var statuses = book.statuses()
			.stream()
			.filter(status -> request.ruleIds().contains(status.metadata().id()))
			.toList();
		var others = book.statuses()
			.stream()
			.map(status -> status.metadata().id())
			.filter(id -> !request.ruleIds().contains(id))
			.collect(java.util.stream.Collectors.toSet());
		// a correlation asked for brings the rules it correlates, quietly
		book.correlations()
			.stream()
			.filter(correlation -> request.ruleIds().contains(correlation.id()))
			.forEach(correlation -> others.removeAll(correlation.ruleIds()));
		return book.without(others, statuses);
	}

	private void publish(OrganizationId organization, ManagedTenantId tenant, List<SignInMatch> pending) {
		if (!pending.isEmpty()) {
			events.publishEvent(new SignInsMatched(organization, tenant, List.copyOf(pending), clock.instant()));
			pending.clear();
		}
	}

}
