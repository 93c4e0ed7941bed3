package io.vigil.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.ingest.SignInsIngested;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

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
	Simulation simulation;

	@Autowired
	RetroHunt retroHunt;

	OrganizationId organization;

	ManagedTenantId tenant;

	@BeforeAll
	void connectAndIngestTheHotel() {
		var msp = simulation.organization(getClass().getSimpleName() + " MSP");
		organization = msp.id();
		tenant = msp.connectIngested(HOTEL, "Hotel");
		await().atMost(Duration.ofSeconds(90)).untilAsserted(this::detected);
	}

	/**
	 * Delivers the hotel's stored sign-ins that match a condition to detection twice at
	 * once, as two replicas would handle the same page.
	 */
	void deliverTwice(String condition) {
		var ids = simulation.jdbc()
			.sql("select id from sign_in where managed_tenant_id = ? and " + condition)
			.param(tenant.value())
			.query(Long.class)
			.list();
		simulation.publish(new SignInsIngested(organization, tenant, ids, Instant.now()),
				new SignInsIngested(organization, tenant, List.copyOf(ids), Instant.now()));
	}

	/**
	 * Asserts that what the class tests has been detected: called until it passes, after
	 * every sign-in was stored.
	 */
	abstract void detected();

}
