package io.vigil.ingest;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.shared.ManagedTenantId;

import org.springframework.stereotype.Component;

/**
 * What ingestion tells an operator, per tenant: sign-ins stored, records quarantined, and
 * how far behind the tenant is (seconds since its last complete poll).
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	private final ConcurrentMap<ManagedTenantId, AtomicLong> lastPolled = new ConcurrentHashMap<>();

	IngestMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	void stored(ManagedTenantId tenant, int signIns, int quarantined) {
		Counter.builder("vigil.signins.ingested")
			.description("Sign-ins stored (new, not redelivered)")
			.tag("tenant", tenant.value().toString())
			.register(registry)
			.increment(signIns);
		if (quarantined > 0) {
			Counter.builder("vigil.signins.quarantined")
				.description("Records Graph sent that could not be read")
				.tag("tenant", tenant.value().toString())
				.register(registry)
				.increment(quarantined);
		}
	}

	void storedActivity(ManagedTenantId tenant, io.vigil.graph.ActivitySource source, int records, int quarantined) {
		Counter.builder("vigil.activity.ingested")
			.description("Directory audits and risk detections stored (new, not redelivered)")
			.tag("tenant", tenant.value().toString())
			.tag("source", source.key())
			.register(registry)
			.increment(records);
		if (quarantined > 0) {
			Counter.builder("vigil.activity.quarantined")
				.description("Audit and risk records Graph sent that could not be read")
				.tag("tenant", tenant.value().toString())
				.tag("source", source.key())
				.register(registry)
				.increment(quarantined);
		}
	}

	/**
	 * Sign-ins a listener of {@link SignInsIngested} had to read back from the database:
	 * this replica no longer held them (evicted, stored by another replica, delivered
	 * again after a restart). Near zero while detection keeps up.
	 */
	void readBack(int signIns) {
		if (signIns > 0) {
			Counter.builder("vigil.signins.read-back")
				.description("Just-ingested sign-ins read back from the database instead of memory")
				.register(registry)
				.increment(signIns);
		}
	}

	/**
	 * Sign-ins detection parses again from their stored text: their tree, built when the
	 * page was read, was dropped before detection came to it (detection behind by more
	 * than {@code app.ingest.parsed-sign-in-bytes}).
	 */
	void parsedAgain(int signIns) {
		if (signIns > 0) {
			Counter.builder("vigil.signins.parsed-again")
				.description("Just-ingested sign-ins parsed again because their tree had been dropped")
				.register(registry)
				.increment(signIns);
		}
	}

	void polled(ManagedTenantId tenant) {
		lastPolled.computeIfAbsent(tenant, key -> {
			var holder = new AtomicLong();
			Gauge.builder("vigil.ingest.lag", holder, last -> (clock.millis() - last.get()) / 1000.0)
				.description("Seconds since the tenant's last complete poll")
				.baseUnit("seconds")
				.tag("tenant", key.value().toString())
				.register(registry);
			return holder;
		}).set(clock.millis());
	}

}
