package io.vigil;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The event publications an operator watches: outstanding (a listener has not completed
 * them yet) and given up (failed their last delivery; see
 * {@code /actuator/failedevents}). Read on scrape.
 */
@Component
class EventMetrics implements MeterBinder {

	private final EventBacklog backlog;

	EventMetrics(EventBacklog backlog) {
		this.backlog = backlog;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vigil.events.outstanding", backlog, events -> events.count(false) + events.count(true))
			.description("Event publications a listener has not completed")
			.register(registry);
		Gauge.builder("vigil.events.given-up", backlog, events -> events.count(true))
			.description("Event publications that failed their last delivery and wait for an operator")
			.register(registry);
	}

}
