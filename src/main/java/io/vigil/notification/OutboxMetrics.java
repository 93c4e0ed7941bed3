package io.vigil.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.shared.ActingAsVigil;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as an operator watches it: messages waiting, and how long the oldest has
 * waited (read on scrape).
 */
@Component
class OutboxMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	OutboxMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vigil.outbox.depth", this, metrics -> metrics.query("count(*)"))
			.description("Messages waiting to be sent")
			.register(registry);
		Gauge
			.builder("vigil.outbox.age", this,
					metrics -> metrics.query("coalesce(extract(epoch from now() - min(created_at)), 0)"))
			.description("Seconds the oldest waiting message has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private double query(String aggregate) {
		return ActingAsVigil.call(() -> jdbc.sql("select " + aggregate + " from notification where status = 'PENDING'")
			.query(Double.class)
			.single());
	}

}
