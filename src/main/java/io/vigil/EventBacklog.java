package io.vigil;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vigil.shared.ActingAsVigil;
import io.vigil.shared.OrganizationId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publications between modules that a listener has not completed: waiting (the
 * next stage is behind) or given up (failed its last delivery; an operator redelivers it
 * at {@code /actuator/failedevents}). Read as Vigil itself: the table is not open to
 * people's connections.
 */
@Component
public class EventBacklog {

	/** The outstanding publications of one event type. */
	public record Outstanding(String eventType, long waiting, long givenUp, Duration oldest) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxAttempts;

	EventBacklog(JdbcClient jdbc, Clock clock, @Value("${app.events.max-attempts:4}") int maxAttempts) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * The organization's outstanding publications by event type. Every event of Vigil
	 * names its organization, so the serialized event carries the organization's id: a
	 * publication is the organization's when it contains it.
	 */
	public List<Outstanding> of(OrganizationId organization) {
		var now = clock.instant();
		return ActingAsVigil.call(() -> jdbc.sql("""
				select event_type,
				       count(*) filter (where coalesce(completion_attempts, 0) < :max) as waiting,
				       count(*) filter (where coalesce(completion_attempts, 0) >= :max) as given_up,
				       min(publication_date) as oldest
				from event_publication
				where completion_date is null and strpos(serialized_event, :organization) > 0
				group by event_type order by event_type""")
			.param("max", maxAttempts)
			.param("organization", organization.value().toString())
			.query((rs, row) -> new Outstanding(simpleName(rs.getString("event_type")), rs.getLong("waiting"),
					rs.getLong("given_up"), age(rs.getTimestamp("oldest"), now)))
			.list());
	}

	/**
	 * All outstanding publications: {@code givenUp} false counts those still being
	 * delivered.
	 */
	long count(boolean givenUp) {
		return ActingAsVigil.call(() -> jdbc
			.sql("select count(*) from event_publication where completion_date is null "
					+ "and (coalesce(completion_attempts, 0) >= ?) = ?")
			.params(maxAttempts, givenUp)
			.query(Long.class)
			.single());
	}

	private static String simpleName(String type) {
		return type.substring(type.lastIndexOf('.') + 1);
	}

	private static Duration age(Timestamp oldest, Instant now) {
		var age = Duration.between(oldest.toInstant(), now);
		return age.isNegative() ? Duration.ZERO : age;
	}

}
