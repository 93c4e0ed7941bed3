package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas share tenants through leases in the database: one replica polls a tenant at a
 * time, a heartbeat keeps a slow poll's lease, and a dead replica's tenant passes to
 * another once its lease runs out, after which the dead replica can commit nothing more.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.ingest.scheduling-enabled=false")
class LeaseTests {

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration BACKLOG_AFTER = Duration.ofMinutes(5);

	@Autowired
	IngestStateRepository state;

	@Test
	void oneReplicaAtATimeAndADeadOnesTenantsPassOn() {
		var start = Instant.parse("2026-11-30T10:00:00Z");
		var organization = new OrganizationId(UUID.randomUUID());
		var tenant = new ManagedTenantId(UUID.randomUUID());
		state.track(organization, tenant, start);

		assertThat(claim("a", start)).containsExactly(tenant);
		assertThat(claim("b", start.plusSeconds(10))).as("leased to a").isEmpty();

		// a's poll is slow: the heartbeat renews its lease
		state.renewLeases(List.of(tenant), "a", start.plusSeconds(20).plus(LEASE));
		assertThat(claim("b", start.plusSeconds(35))).as("renewed").isEmpty();

		// a dies: no heartbeat; the lease runs out and b takes over
		assertThat(claim("b", start.plusSeconds(51))).containsExactly(tenant);
		assertThat(state.renewLease(tenant, "a", start.plusSeconds(60))).as("a's next commit is refused").isFalse();
		state.renewLeases(List.of(tenant), "a", start.plusSeconds(200));
		assertThat(claim("c", start.plusSeconds(82))).as("a's heartbeat took nothing back from b")
			.containsExactly(tenant);
	}

	@Test
	void aCurrentTenantComesBeforeTenantsCatchingUpThoughTheyWereDueLonger() {
		var start = Instant.parse("2026-12-01T10:00:00Z");
		var organization = new OrganizationId(UUID.randomUUID());
		var current = new ManagedTenantId(UUID.randomUUID());
		var catchingUp = new ManagedTenantId(UUID.randomUUID());
		state.track(organization, current, start);
		state.track(organization, catchingUp, start);
		assertThat(claim("first", start, 1_000)).contains(current, catchingUp);
		state.succeeded(current, "first", start, start.plusSeconds(60));
		state.releaseAll("first");

		// both are due, the new one for longer: the current one is leased first
		var later = start.plusSeconds(90);
		assertThat(claim("second", later, 1)).containsExactly(current);
		assertThat(claim("second", later, 1)).doesNotContain(current);
		// without a complete poll for longer than the backlog threshold it waits its turn
		state.releaseAll("second");
		assertThat(claim("third", start.plus(Duration.ofMinutes(10)), 1)).doesNotContain(current);
	}

	private List<ManagedTenantId> claim(String owner, Instant now) {
		return claim(owner, now, 10);
	}

	private List<ManagedTenantId> claim(String owner, Instant now, int limit) {
		return state.claimDue(owner, limit, now, now.plus(LEASE), now.minus(BACKLOG_AFTER))
			.stream()
			.map(IngestStateRepository.TenantWork::managedTenantId)
			.toList();
	}

}
