package io.vigil.detection.evaluation;

import java.util.ArrayList;

import io.vigil.detection.DetectionSettings;
import io.vigil.detection.RuleCatalog;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.ingest.SignInLog;
import io.vigil.ingest.SignInsIngested;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates every ingested sign-in against the tenant's rules and publishes the matches.
 * Idempotent: evaluating a page again publishes the same matches, which incidents record
 * once.
 */
@Component
class SignInDetection {

	private final SignInLog signIns;

	private final RuleCatalog catalog;

	private final Matches matches;

	private final ApplicationEventPublisher events;

	private final EvaluationPool pool;

	private final DetectionSettings settings;

	private final io.micrometer.core.instrument.MeterRegistry registry;

	private final BehaviourDetection behaviours;

	private final CorrelationDetection correlations;

	SignInDetection(SignInLog signIns, RuleCatalog catalog, Matches matches, ApplicationEventPublisher events,
			EvaluationPool pool, DetectionSettings settings, io.micrometer.core.instrument.MeterRegistry registry,
			BehaviourDetection behaviours, CorrelationDetection correlations) {
		this.behaviours = behaviours;
		this.correlations = correlations;
		this.registry = registry;
		this.pool = pool;
		this.settings = settings;
		this.signIns = signIns;
		this.catalog = catalog;
		this.matches = matches;
		this.events = events;
	}

	/**
	 * The records are read here, in the listener's transaction; the rules run on the
	 * {@link EvaluationPool} within the page budget. A page over budget fails this
	 * delivery (retried a few times, then left for an operator).
	 */
	@ApplicationModuleListener
	void on(SignInsIngested ingested) {
		var book = catalog.ruleBook(ingested.organizationId(), ingested.managedTenantId());
		var records = signIns.ingestedRecords(ingested.organizationId(), ingested.signInIds());
		var budget = settings.pageBudget();
		var timer = io.micrometer.core.instrument.Timer.start();
		var correlated = new ArrayList<CorrelationDetection.Input>();
		var found = pool.evaluate(() -> {
			var result = new ArrayList<SignInMatch>();
			for (var stored : records) {
				EvaluationPool.checkInterrupted(budget);
				var event = matches.event(stored);
				var page = matches.evaluate(book, stored, event);
				for (var match : page) {
					for (var key : book.correlationKeys(match.ruleId(), event)) {
						correlated.add(new CorrelationDetection.Input(key.correlation(), match.ruleId(), stored.id(),
								stored.createdAt(), key.groupKey(), key.value()));
					}
					if (!book.silent(match.ruleId())) {
						result.add(match);
					}
				}
			}
			return result;
		}, budget);
		var all = new ArrayList<SignInMatch>(found);
		all.addAll(correlations.evaluate(ingested.organizationId(), ingested.managedTenantId(), correlated));
		all.addAll(
				behaviours.evaluate(book, ingested.organizationId(), ingested.managedTenantId(), ingested.signInIds()));
		timer.stop(io.micrometer.core.instrument.Timer.builder("vigil.detection.evaluation")
			.description("Evaluating one ingested page against the tenant's rules")
			.register(registry));
		if (!all.isEmpty()) {
			events.publishEvent(new SignInsMatched(ingested.organizationId(), ingested.managedTenantId(), all,
					ingested.committedAt()));
		}
	}

}
