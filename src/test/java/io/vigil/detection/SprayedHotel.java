package io.vigil.detection;

import java.time.Duration;

import io.vigil.SimulatedOrganization;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.incidents.Incidents;
import io.vigil.ingest.SignInLog;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour scenario's hotel ({@code simulator/behaviour.yml}: a password spray over
 * many pages, a smaller one, impossible travel, ordinary traffic) connected by an
 * organization of the test class's own and ingested in pages of 25, with the correlation
 * rules of {@code src/test/resources/correlation} loaded beside the shipped ones. The
 * classes that extend it share one application context.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/behaviour.yml",
		"app.ingest.page-size=25", "app.detection.rule-directories=src/test/resources/correlation" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SprayedHotel {

	static final String HOTEL = "70000000-0000-4000-8000-000000000007";

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Incidents incidents;

	@Autowired
	SignInLog signInLog;

	@Autowired
	GraphSimulator simulator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	RetroHunt retroHunt;

	OrganizationId organization;

	ManagedTenantId tenant;

	@BeforeAll
	void connectAndIngestTheHotel() {
		var msp = SimulatedOrganization.create(tenants, simulator, getClass().getSimpleName() + " MSP");
		organization = msp.id();
		tenant = msp.connect(HOTEL, "Hotel");
		var expected = SimulatorProbe.visibleSignInIds(simulator, HOTEL).size();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(signInLog.count(organization, tenant)).isEqualTo(expected);
			detected();
		});
	}

	/**
	 * Asserts that what the class tests has been detected: called until it passes, after
	 * every sign-in was stored.
	 */
	abstract void detected();

}
