package io.vigil;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.vigil.ingest.SignInsIngested;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An event whose listener failed is delivered again without a restart. */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(
		properties = { "app.events.retry-after=PT1S", "app.events.retry-interval=PT1S", "app.events.max-attempts=2" })
class FailedEventRetryTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FlakyListener listener;

	@Test
	void aFailedDeliveryIsRetried() {
		var tenant = new ManagedTenantId(UUID.randomUUID());
		transactions.executeWithoutResult(status -> events.publishEvent(
				new SignInsIngested(new OrganizationId(UUID.randomUUID()), tenant, List.of(), Instant.now())));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(listener.deliveries(tenant)).isGreaterThanOrEqualTo(2));
		// Delivery is at least once: a retry may overlap the successful delivery on a
		// busy machine. Once that one is
		// recorded as complete, deliveries stop.
		var seen = new AtomicInteger(-1);
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(1500))
			.until(() -> seen.getAndSet(listener.deliveries(tenant)) == listener.deliveries(tenant));
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(listener.deliveries(tenant)).isEqualTo(seen.get()));
		assertThat(seen.get()).as("retried, and not endlessly").isBetween(2, 4);
	}

	/**
	 * An event its listener can never handle is delivered a bounded number of times, then
	 * waits for an operator.
	 */
	@Test
	void aPoisonousEventIsGivenUpAndCanBeDeliveredByHand() {
		var tenant = new ManagedTenantId(UUID.randomUUID());
		listener.poison(tenant);
		transactions.executeWithoutResult(status -> events.publishEvent(
				new SignInsIngested(new OrganizationId(UUID.randomUUID()), tenant, List.of(), Instant.now())));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(endpoint.givenUp()).anySatisfy(givenUp -> {
				assertThat(givenUp.listener()).contains("FlakyListener");
				assertThat(givenUp.attempts()).isEqualTo(2);
			}));
		var delivered = listener.deliveries(tenant);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(listener.deliveries(tenant)).isEqualTo(delivered));
		assertThat(delivered).as("the first delivery and one retry").isBetween(2, 3);

		// the operator fixes the cause and delivers it again
		listener.cure(tenant);
		var id = endpoint.givenUp()
			.stream()
			.filter(g -> g.listener().contains("FlakyListener"))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(endpoint.resubmit(id)).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(endpoint.givenUp()).noneSatisfy(g -> assertThat(g.id()).isEqualTo(id)));
		assertThat(listener.deliveries(tenant)).isGreaterThan(delivered);
		assertThat(endpoint.resubmit(UUID.randomUUID())).isFalse();
	}

	/**
	 * A delivery a killed process left half done (Modulith's row says PROCESSING, and
	 * nobody is on it) is delivered again, and, when it was the last allowed one, listed
	 * for the operator: not left in flight for ever.
	 */
	@Test
	void aDeliveryAKilledProcessLeftInFlightIsNotLost() {
		var halfDone = givenUpEvent();
		var lastAttempt = givenUpEvent();
		// as the rows stand when the process dies during a delivery
		inFlight(halfDone.id(), 1, Instant.now().minusSeconds(3600));
		inFlight(lastAttempt.id(), 2, Instant.now().minusSeconds(3600));
		assertThat(endpoint.givenUp()).extracting(FailedEventRetry.GivenUp::id)
			.contains(lastAttempt.id())
			.doesNotContain(halfDone.id());
		listener.cure(halfDone.tenant());

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(jdbc.sql("select count(*) from event_publication where id = ?")
				.param(halfDone.id())
				.query(Integer.class)
				.single()).as("delivered again and completed").isZero());

		// a last attempt that is merely running (started within retry-after) is not given
		// up
		inFlight(lastAttempt.id(), 2, Instant.now().plusSeconds(30));
		assertThat(endpoint.givenUp()).extracting(FailedEventRetry.GivenUp::id).doesNotContain(lastAttempt.id());
	}

	private record Published(UUID id, ManagedTenantId tenant) {
	}

	private Published givenUpEvent() {
		var tenant = new ManagedTenantId(UUID.randomUUID());
		listener.poison(tenant);
		transactions.executeWithoutResult(status -> events.publishEvent(
				new SignInsIngested(new OrganizationId(UUID.randomUUID()), tenant, List.of(), Instant.now())));
		var id = jdbc.sql("select id from event_publication where serialized_event like ? and listener_id like ?")
			.param("%" + tenant.value() + "%")
			.param("%FlakyListener%")
			.query(UUID.class)
			.single();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> endpoint.givenUp().stream().anyMatch(g -> g.id().equals(id)));
		return new Published(id, tenant);
	}

	private void inFlight(UUID publication, int attempts, Instant since) {
		jdbc.sql("update event_publication set status = 'PROCESSING', completion_attempts = ?, "
				+ "last_resubmission_date = ? where id = ?")
			.param(attempts)
			.param(java.sql.Timestamp.from(since))
			.param(publication)
			.update();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FailedEventsEndpoint endpoint;

	@TestConfiguration
	static class Listeners {

		@Bean
		FlakyListener flakyListener() {
			return new FlakyListener();
		}

	}

	/** Fails the first delivery of an event, as a database blip would. */
	static class FlakyListener {

		private final java.util.Map<ManagedTenantId, AtomicInteger> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

		private final java.util.Set<ManagedTenantId> poisoned = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@ApplicationModuleListener
		void on(SignInsIngested event) {
			if (deliveries.computeIfAbsent(event.managedTenantId(), key -> new AtomicInteger()).incrementAndGet() == 1
					|| poisoned.contains(event.managedTenantId())) {
				throw new IllegalStateException("simulated failure");
			}
		}

		void poison(ManagedTenantId tenant) {
			poisoned.add(tenant);
		}

		void cure(ManagedTenantId tenant) {
			poisoned.remove(tenant);
		}

		int deliveries(ManagedTenantId tenant) {
			var count = deliveries.get(tenant);
			return count == null ? 0 : count.get();
		}

	}

}
