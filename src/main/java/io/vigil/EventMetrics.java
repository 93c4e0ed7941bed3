package io.vigil;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.shared.ActingAsVigil;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publications an operator watches: outstanding (a listener has not completed them yet) and given up
 * (failed their last delivery; see {@code /actuator/failedevents}). Read on scrape, as Vigil itself.
 */
@Component
class EventMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	private final int maxAttempts;

	EventMetrics(JdbcClient jdbc, @Value("${app.events.max-attempts:4}") int maxAttempts) {
		this.jdbc = jdbc;
		this.maxAttempts = maxAttempts;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vigil.events.outstanding", this, metrics -> metrics.count("true"))
			.description("Event publications a listener has not completed").register(registry);
		Gauge.builder("vigil.events.given-up", this,
				metrics -> metrics.count("coalesce(completion_attempts, 0) >= " + maxAttempts))
			.description("Event publications that failed their last delivery and wait for an operator")
			.register(registry);
	}

	private double count(String condition) {
		return ActingAsVigil.call(() -> jdbc.sql("select count(*) from event_publication where completion_date is null "
				+ "and " + condition).query(Double.class).single());
	}

}
