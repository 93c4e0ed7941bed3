package io.vigil.detection;

import java.util.ArrayList;

import io.vigil.ingest.SignInLog;
import io.vigil.ingest.SignInsIngested;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Evaluates every ingested sign-in against the tenant's rules and publishes the matches. Idempotent: evaluating a
 * page again publishes the same matches, which incidents record once.
 */
@Component
class SignInDetection {

	private final SignInLog signIns;

	private final RuleCatalog catalog;

	private final Matches matches;

	private final ApplicationEventPublisher events;

	SignInDetection(SignInLog signIns, RuleCatalog catalog, Matches matches, ApplicationEventPublisher events) {
		this.signIns = signIns;
		this.catalog = catalog;
		this.matches = matches;
		this.events = events;
	}

	@ApplicationModuleListener
	void on(SignInsIngested ingested) {
		var book = catalog.ruleBook(ingested.organizationId(), ingested.managedTenantId());
		var found = new ArrayList<SignInMatch>();
		for (var stored : signIns.records(ingested.organizationId(), ingested.signInIds())) {
			found.addAll(matches.evaluate(book, stored));
		}
		if (!found.isEmpty()) {
			events.publishEvent(new SignInsMatched(ingested.organizationId(), ingested.managedTenantId(), found,
					ingested.committedAt()));
		}
	}

}
