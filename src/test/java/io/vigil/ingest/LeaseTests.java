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
	void currentTenantsAreLeasedBeforeTenantsCatchingUp() {
		var start = Instant.parse("2031-01-01T10:00:00Z");
		// whatever other tests left due is leased away for good
		state.claimDue("elsewhere", 10_000, start, start.plus(Duration.ofDays(365 * 50)), start);
		var organization = new OrganizationId(UUID.randomUUID());
		var current = new ManagedTenantId(UUID.randomUUID());
		var behind = new ManagedTenantId(UUID.randomUUID());
		var fresh = new ManagedTenantId(UUID.randomUUID());
		state.track(organization, current, start.minusSeconds(600));
		state.track(organization, behind, start.minusSeconds(600));
		state.track(organization, fresh, start.minusSeconds(300));
		assertThat(state.claimDue("a", 2, start.minusSeconds(600), start.minusSeconds(570), start.minusSeconds(600)))
			.hasSize(2);
		state.succeeded(current, "a", start.minusSeconds(60), start.minusSeconds(10));
		state.succeeded(behind, "a", start.minusSeconds(900), start.minusSeconds(10));
		var backlogSince = start.minus(Duration.ofMinutes(5));

		var first = state.claimDue("b", 1, start, start.plus(LEASE), backlogSince);
		var rest = state.claimDue("b", 10, start, start.plus(LEASE), backlogSince);

		assertThat(first).as("due last, but current").singleElement().satisfies(work -> {
			assertThat(work.managedTenantId()).isEqualTo(current);
			assertThat(work.backlog()).isFalse();
		});
		assertThat(rest).extracting(IngestStateRepository.TenantWork::managedTenantId)
			.containsExactlyInAnyOrder(behind, fresh);
		assertThat(rest).as("never polled, or not for over five minutes")
			.allMatch(IngestStateRepository.TenantWork::backlog);
	}

	private List<ManagedTenantId> claim(String owner, Instant now) {
		return state.claimDue(owner, 10, now, now.plus(LEASE), now.minus(Duration.ofMinutes(5)))
			.stream()
			.map(IngestStateRepository.TenantWork::managedTenantId)
			.toList();
	}

}
