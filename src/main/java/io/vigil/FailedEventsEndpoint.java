package io.vigil;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operator's view of events whose listeners gave up ({@code /actuator/failedevents},
 * exposed like any actuator endpoint: not by default), and the way to deliver one again
 * once its cause is fixed.
 */
@Component
@Endpoint(id = "failedevents")
class FailedEventsEndpoint {

	private final JdbcClient jdbc;

	private final FailedEventRetry retry;

	FailedEventsEndpoint(JdbcClient jdbc, FailedEventRetry retry) {
		this.jdbc = jdbc;
		this.retry = retry;
	}

	record GivenUp(UUID id, String listener, String eventType, Instant published, int attempts) {
	}

	@ReadOperation
	List<GivenUp> givenUp() {
		return jdbc.sql("""
				select id, listener_id, event_type, publication_date, completion_attempts from event_publication
				where completion_date is null and completion_attempts >= ? order by publication_date""")
			.param(retry.maxAttempts())
			.query((rs, row) -> new GivenUp(rs.getObject("id", UUID.class), rs.getString("listener_id"),
					rs.getString("event_type"), rs.getTimestamp("publication_date").toInstant(),
					rs.getInt("completion_attempts")))
			.list();
	}

	@WriteOperation
	boolean resubmit(@Selector UUID id) {
		return retry.resubmitByHand(id);
	}

}
