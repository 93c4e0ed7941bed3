package io.vigil;

import java.time.Duration;

import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What an operator scrapes: {@code /actuator/prometheus} refuses anonymous requests,
 * wrong tokens and people other than organization admins, and after an ingest shows
 * sign-ins ingested, lag, Graph requests, rule evaluation, incidents raised, detection
 * latency and the outbox.
 */
@VigilIntegrationTest
class MetricsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Test
	void metricsAreForTheScraperAndAdminsOnlyAndShowTheIngest() throws Exception {
		var msp = simulation.organization("Metered MSP");
		var organization = msp.id();
		var tenant = simulation.simulator().tenants().getFirst();
		msp.connect(tenant.entraTenantId(), tenant.displayName());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> simulation.jdbc()
				.sql("select count(*) from incident where " + "organization_id = ?")
				.param(organization.value())
				.query(Long.class)
				.single() > 0);

		assertThat(mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getStatus()).isNotEqualTo(200);
		assertThat(mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer wrong"))
			.andReturn()
			.getResponse()
			.getStatus()).isNotEqualTo(200);
		assertThat(mvc
			.perform(get("/actuator/prometheus")
				.with(authentication(TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER)))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc
			.perform(get("/actuator/prometheus")
				.with(authentication(TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN)))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		// the lag appears once the tenant's first poll is complete
		await().atMost(Duration.ofSeconds(30))
			.until(() -> scrape().getContentAsString().contains("vigil_ingest_lag_seconds{"));
		var scraped = scrape();
		assertThat(scraped.getStatus()).isEqualTo(200);
		assertThat(scraped.getContentAsString()).contains("vigil_signins_ingested_total{", "vigil_ingest_lag_seconds{",
				"vigil_graph_requests_total{", "vigil_detection_evaluation_seconds_count",
				"vigil_incidents_opened_total{", "vigil_detection_latency_seconds_count", "vigil_outbox_depth",
				"vigil_outbox_age_seconds", "vigil_events_outstanding", "vigil_events_given_up",
				"vigil_graph_budget_used");
		assertThat(scraped.getHeader("Set-Cookie")).as("no session for the scraper").isNull();
	}

	private org.springframework.mock.web.MockHttpServletResponse scrape() throws Exception {
		return mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer scrape-token-for-tests"))
			.andReturn()
			.getResponse();
	}

}
