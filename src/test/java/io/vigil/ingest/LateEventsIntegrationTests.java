package io.vigil.ingest;

import java.time.Duration;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-ins that Graph lists only two hours after they happened (MFA aggregation) are
 * picked up by the deep re-scan of later polls, although the watermark has long passed
 * them.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/late.yml",
		"app.ingest.deep-scan-interval=PT0S", "app.ingest.horizon=PT3H" })
class LateEventsIntegrationTests {

	static final String ECHO = "eeeeeeee-0000-4000-8000-000000000005";

	@Autowired
	Simulation simulation;

	@Test
	void ingestsEventsThatBecomeVisibleLate() {
		var msp = simulation.organization("Late MSP");
		var organization = msp.id();
		var tenant = msp.connect(ECHO, "Echo");

		var visibleNow = SimulatorProbe.visibleSignInIds(simulation.simulator(), ECHO);
		assertThat(visibleNow).as("some sign-ins are not listed yet").hasSizeBetween(500, 580);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(graphIds(tenant)).isEqualTo(visibleNow));
		awaitCompletedPoll(organization, tenant);

		SimulatorProbe.advanceVisibility(simulation.simulator(), Duration.ofHours(3));
		var all = SimulatorProbe.visibleSignInIds(simulation.simulator(), ECHO);
		assertThat(all).hasSize(600).containsAll(visibleNow);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(graphIds(tenant)).isEqualTo(all));
	}

	private void awaitCompletedPoll(OrganizationId organization, ManagedTenantId tenant) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.signIns()
				.health(organization, tenant)
				.map(IngestHealth::lastSuccessAt)
				.isPresent());
	}

	private java.util.Set<String> graphIds(ManagedTenantId tenant) {
		return simulation.jdbc()
			.sql("select graph_id from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.set();
	}

}
