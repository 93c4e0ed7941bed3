package io.vigil;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again the events whose listener failed (a database blip during detection, say), instead of waiting for a
 * restart. Every listener is idempotent, so a delivery that was only slow and is repeated does no harm.
 */
@Component
class FailedEventRetry {

	private static final Logger log = LoggerFactory.getLogger(FailedEventRetry.class);

	private final IncompleteEventPublications publications;

	private final Duration after;

	FailedEventRetry(IncompleteEventPublications publications,
			@Value("${app.events.retry-after:PT2M}") Duration after) {
		this.publications = publications;
		this.after = after;
	}

	@Scheduled(initialDelayString = "${app.events.retry-interval:PT1M}",
			fixedDelayString = "${app.events.retry-interval:PT1M}")
	void retry() {
		try {
			publications.resubmitIncompletePublicationsOlderThan(after);
		}
		catch (RuntimeException ex) {
			log.warn("Could not deliver failed events again: {}", ex.toString());
		}
	}

}
