package io.vigil.incidents;

import java.time.Duration;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.response.ActionRecord;
import io.vigil.response.ResponseAction;
import io.vigil.response.ResponseActions;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with the simulator: an AiTM sign-in becomes an incident and an email to the
 * customer (real SMTP); the customer answers "this was us" through the email's link and
 * the incident waits for the MSP, who rejects it; the responder revokes the sessions and
 * closes it, and the attacker signs in again: Vigil reopens the incident with that
 * sign-in as evidence.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/containment.yml",
		"app.incidents.containment-grace=PT0S", "app.ingest.lease=PT10M" })
@org.springframework.context.annotation.Import(io.vigil.MovableClock.InContext.class)
class ContainmentWatchTests {

	@Autowired
	io.vigil.MovableClock clock;

	static final String TENANT = "c0417000-0000-4000-8000-000000000001";

	@Autowired
	GraphSimulator simulator;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Incidents incidents;

	@Autowired
	ResponseActions actions;

	static com.icegreen.greenmail.util.GreenMail smtp = started();

	@org.springframework.test.context.DynamicPropertySource
	static void mail(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("app.notification.worker-interval", () -> "PT0.2S");
	}

	@org.junit.jupiter.api.AfterAll
	static void stop() {
		smtp.stop();
	}

	private static com.icegreen.greenmail.util.GreenMail started() {
		var server = new com.icegreen.greenmail.util.GreenMail(
				new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp"));
		server.start();
		return server;
	}

	@Autowired
	io.vigil.notification.NotificationRouting routing;

	@Autowired
	io.vigil.notification.AnswerLinks answerLinks;

	@Test
	void anAttackerWhoKeepsSigningInAfterTheRevokeReopensTheIncident() throws Exception {
		var organization = tenants.createOrganization("Containing MSP " + UUID.randomUUID()).id();
		var admin = new VigilUser(UUID.randomUUID(), organization, "admin@containing.example", "Admin", Role.ORG_ADMIN,
				null, true, false);
		routing.addRoute(admin, null, io.vigil.detection.Severity.HIGH, io.vigil.notification.Route.Audience.CUSTOMER,
				"it@contained.example", io.vigil.notification.Route.Delivery.IMMEDIATE);
		var app = tenants.registerGraphApp(organization, simulator.clientId(), simulator.clientSecret());
		var tenant = tenants.connect(organization, app, TENANT, "Contained").id();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> incidents.recent(organization, tenant, 10)
				.stream()
				.anyMatch(incident -> incident.ruleId().equals("RULE-1143")));
		var incident = incidents.recent(organization, tenant, 10)
			.stream()
			.filter(found -> found.ruleId().equals("RULE-1143"))
			.findFirst()
			.orElseThrow();
		assertThat(incident.signInCount()).as("the second sign-in is still in the future").isEqualTo(1);

		// the customer's email, and their answer through its link
		await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 1);
		var email = smtp.getReceivedMessages()[0];
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo("it@contained.example");
		var text = com.icegreen.greenmail.util.GreenMailUtil.getBody(email);
		var link = java.util.regex.Pattern.compile("/answers/" + incident.id() + "/([0-9a-f-]{36})\\?s=([0-9a-f]{64})")
			.matcher(text.replace("=\r\n", "").replace("=3D", "="))
			.results()
			.skip(1)
			.findFirst()
			.orElseThrow();
		answerLinks.answer(incident.id(), UUID.fromString(link.group(1)), link.group(2), "That was our consultant");
		assertThat(incidents.find(organization, incident.id()).orElseThrow().status())
			.isEqualTo(IncidentStatus.CUSTOMER_SAYS_BENIGN);
		incidents.reviewCustomerVerdict(organization, incident.id(), false, "No consultant works from CloudFlare",
				"ana@msp.example");
		assertThat(incidents.timeline(organization, incident.id())).extracting(TimelineEntry::kind)
			.contains("customer-verdict", "customer-verdict-reviewed");

		var responder = new VigilUser(UUID.randomUUID(), organization, "ana@msp.example", "Ana", Role.RESPONDER, null,
				true, false);
		var revoke = actions
			.execute(responder, tenant, incident.accountId(), ResponseAction.REVOKE_SESSIONS, null, incident.id(),
					"revoke-" + UUID.randomUUID())
			.record();
		assertThat(revoke.status()).isEqualTo(ActionRecord.Status.SUCCEEDED);
		assertThat(incidents.watchedUntil(organization, incident.id())).isPresent();
		incidents.changeStatus(organization, incident.id(), IncidentStatus.RESOLVED, "ana@msp.example");

		// the attacker's next sign-in, 40 s after the start
		clock.advance(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> incidents.timeline(organization, incident.id())
				.stream()
				.anyMatch(entry -> entry.kind().equals("containment-breached")));
		var reopened = incidents.find(organization, incident.id()).orElseThrow();
		assertThat(reopened.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
		var breach = incidents.timeline(organization, incident.id())
			.stream()
			.filter(entry -> entry.kind().equals("containment-breached"))
			.toList();
		assertThat(breach).singleElement()
			.satisfies(entry -> assertThat(entry.detail().get("reason"))
				.isEqualTo("the account signed in successfully after it was contained"));
	}

}
