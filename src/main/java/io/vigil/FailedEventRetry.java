package io.vigil;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again the events whose listener failed (a database blip during detection,
 * say), instead of waiting for a restart, and again at start for those a stop
 * interrupted. Every listener is idempotent, so a delivery that was only slow and is
 * repeated does no harm. An event whose listener keeps failing is given up after
 * {@code app.events.max-attempts} deliveries (counted by Modulith), so that one poisonous
 * event (a rule that cannot finish on it, say) does not come back every minute and after
 * every restart; the operator sees it at {@code /actuator/failedevents} and delivers it
 * again from there.
 */
@Component
class FailedEventRetry {

	private static final Logger log = LoggerFactory.getLogger(FailedEventRetry.class);

	private final IncompleteEventPublications publications;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration after;

	private final int maxAttempts;

	private final AtomicInteger reported = new AtomicInteger();

	FailedEventRetry(IncompleteEventPublications publications, JdbcClient jdbc, Clock clock,
			@Value("${app.events.retry-after:PT2M}") Duration after,
			@Value("${app.events.max-attempts:4}") int maxAttempts) {
		this.publications = publications;
		this.jdbc = jdbc;
		this.clock = clock;
		this.after = after;
		this.maxAttempts = maxAttempts;
	}

	@Scheduled(initialDelayString = "${app.events.retry-interval:PT1M}",
			fixedDelayString = "${app.events.retry-interval:PT1M}")
	void retry() {
		resubmit(clock.instant().minus(after));
	}

	/**
	 * What a stop interrupted is delivered again at start (Modulith's own republication
	 * is off: it has no limit).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		resubmit(clock.instant());
	}

	/**
	 * Delivers one given-up event again, with a fresh count of attempts; false when there
	 * is no such event.
	 */
	boolean resubmitByHand(UUID id) {
		if (jdbc
			.sql("update event_publication set completion_attempts = 0, status = 'FAILED' where id = ? "
					+ "and completion_date is null")
			.param(id)
			.update() == 0) {
			return false;
		}
		log.info("Event publication {} delivered again by hand", id);
		deliver(publication -> publication.getIdentifier().equals(id));
		return true;
	}

	record GivenUp(UUID id, String listener, String eventType, Instant published, int attempts) {
	}

	/**
	 * Events whose last allowed delivery failed, or never finished: a delivery in flight
	 * (Modulith counts it when it starts) is not given up until it has run for
	 * {@code retry-after}, as a process killed during it leaves it in flight for ever.
	 */
	List<GivenUp> givenUp() {
		return jdbc.sql("""
				select id, listener_id, event_type, publication_date, completion_attempts from event_publication
				where completion_date is null and completion_attempts >= :max
				and (status = 'FAILED' or coalesce(last_resubmission_date, publication_date) < :stalledBefore)
				order by publication_date""")
			.param("max", maxAttempts)
			.param("stalledBefore", Timestamp.from(clock.instant().minus(after)))
			.query((rs, row) -> new GivenUp(rs.getObject("id", UUID.class), rs.getString("listener_id"),
					rs.getString("event_type"), rs.getTimestamp("publication_date").toInstant(),
					rs.getInt("completion_attempts")))
			.list();
	}

	/**
	 * Modulith counts deliveries in {@code completion_attempts} (the first is 1, each
	 * resubmission adds one); the filter only reads it, as Modulith may ask it more than
	 * once per publication.
	 */
	private void resubmit(Instant publishedBefore) {
		deliver(publication -> publication.getPublicationDate().isBefore(publishedBefore)
				&& publication.getCompletionAttempts() < maxAttempts);
		var givenUp = givenUp().size();
		if (givenUp > reported.getAndSet(givenUp)) {
			log.warn(
					"{} event publication(s) failed {} deliveries and wait for an operator: GET /actuator/failedevents, "
							+ "then POST /actuator/failedevents/{{id}} once the cause is fixed",
					givenUp, maxAttempts);
		}
	}

	private void deliver(Predicate<EventPublication> which) {
		try {
			publications.resubmitIncompletePublications(which);
		}
		catch (RuntimeException ex) {
			log.warn("Could not deliver failed events again: {}", ex.toString());
		}
	}

}
