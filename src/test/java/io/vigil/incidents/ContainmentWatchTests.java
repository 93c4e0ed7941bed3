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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with the simulator: an AiTM sign-in becomes an incident, the responder revokes the sessions and
 * closes it, and the attacker signs in again: Vigil reopens the incident with that sign-in as evidence.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/containment.yml",
		"app.incidents.containment-grace=PT0S" })
class ContainmentWatchTests {

	static final String TENANT = "c0417000-0000-4000-8000-000000000001";

	@Autowired
	GraphSimulator simulator;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Incidents incidents;

	@Autowired
	ResponseActions actions;

	@Test
	void anAttackerWhoKeepsSigningInAfterTheRevokeReopensTheIncident() {
		var organization = tenants.createOrganization("Containing MSP " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, simulator.clientId(), simulator.clientSecret());
		var tenant = tenants.connect(organization, app, TENANT, "Contained").id();
		await().atMost(Duration.ofSeconds(30)).until(() -> incidents.recent(organization, tenant, 10).stream()
			.anyMatch(incident -> incident.ruleId().equals("RULE-1143")));
		var incident = incidents.recent(organization, tenant, 10).stream()
			.filter(found -> found.ruleId().equals("RULE-1143")).findFirst().orElseThrow();
		assertThat(incident.signInCount()).as("the second sign-in is still in the future").isEqualTo(1);

		var responder = new VigilUser(UUID.randomUUID(), organization, "ana@msp.example", "Ana", Role.RESPONDER, null,
				true, false);
		var revoke = actions.execute(responder, tenant, incident.accountId(), ResponseAction.REVOKE_SESSIONS, null,
				incident.id(), "revoke-" + UUID.randomUUID()).record();
		assertThat(revoke.status()).isEqualTo(ActionRecord.Status.SUCCEEDED);
		assertThat(incidents.watchedUntil(organization, incident.id())).isPresent();
		incidents.changeStatus(organization, incident.id(), IncidentStatus.RESOLVED, "ana@msp.example");

		await().atMost(Duration.ofSeconds(90)).until(() -> incidents.timeline(organization, incident.id()).stream()
			.anyMatch(entry -> entry.kind().equals("containment-breached")));
		var reopened = incidents.find(organization, incident.id()).orElseThrow();
		assertThat(reopened.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
		var breach = incidents.timeline(organization, incident.id()).stream()
			.filter(entry -> entry.kind().equals("containment-breached")).toList();
		assertThat(breach).singleElement().satisfies(entry -> assertThat(entry.detail().get("reason"))
			.isEqualTo("the account signed in successfully after it was contained"));
	}

}
