package io.vigil.ingest;

import java.time.Duration;

import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
	ManagedTenants tenants;

	@Autowired
	SignInLog signInLog;

	@Autowired
	GraphSimulator simulator;

	@Autowired
	JdbcClient jdbc;

	@Test
	void ingestsEventsThatBecomeVisibleLate() {
		var msp = SimulatedOrganization.create(tenants, simulator, "Late MSP");
		var organization = msp.id();
		var tenant = msp.connect(ECHO, "Echo");

		var visibleNow = SimulatorProbe.visibleSignInIds(simulator, ECHO);
		assertThat(visibleNow).as("some sign-ins are not listed yet").hasSizeBetween(500, 580);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(graphIds(tenant)).isEqualTo(visibleNow));
		awaitCompletedPoll(organization, tenant);

		SimulatorProbe.advanceVisibility(simulator, Duration.ofHours(3));
		var all = SimulatorProbe.visibleSignInIds(simulator, ECHO);
		assertThat(all).hasSize(600).containsAll(visibleNow);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(graphIds(tenant)).isEqualTo(all));
	}

	private void awaitCompletedPoll(OrganizationId organization, ManagedTenantId tenant) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> signInLog.health(organization, tenant).map(IngestHealth::lastSuccessAt).isPresent());
	}

	private java.util.Set<String> graphIds(ManagedTenantId tenant) {
		return jdbc.sql("select graph_id from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.set();
	}

}
