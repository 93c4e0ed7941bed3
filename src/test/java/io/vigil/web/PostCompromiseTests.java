package io.vigil.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.detection.AccountActivityFound;
import io.vigil.detection.ActivityKind;
import io.vigil.detection.Severity;
import io.vigil.incidents.AccountTrail;
import io.vigil.incidents.Incident;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * End to end: an AiTM sign-in from CloudFlare opens RULE-1143's incident; the attacker's
 * authenticator and consent arrive in the directory audits and Identity Protection flags
 * the account; the one incident shows them, marked, in its checklist and timeline, and
 * its severity is raised once.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/activity.yml",
		"app.ingest.activity-poll-interval=PT1S" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostCompromiseTests {

	static final String FOXTROT = "f0000000-0000-4000-8000-00000000000f";

	@Autowired
	Simulation simulation;

	@Autowired
	AccountTrail trail;

	@Autowired
	MockMvc mvc;

	OrganizationId organization;

	ManagedTenantId tenant;

	String victim;

	Incident incident;

	@BeforeAll
	void anAttackerInTheTenant() {
		var msp = simulation.organization("Post-compromise MSP");
		organization = msp.id();
		tenant = msp.connect(FOXTROT, "Foxtrot");
		victim = simulation.simulator().user(FOXTROT, 3);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			var found = aitmIncidents();
			assertThat(found).singleElement().satisfies(i -> assertThat(i.postCompromiseAt()).isNotNull());
		});
		incident = aitmIncidents().getFirst();
	}

	@Test
	void raisesTheSeverityOnceAndSaysWhy() {
		assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(incident.severityBeforePostCompromise()).isEqualTo(Severity.HIGH);
		var entries = simulation.incidents()
			.timeline(organization, incident.id())
			.stream()
			.filter(e -> e.kind().equals("post-compromise"))
			.toList();
		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.detail()).containsEntry("from", "high").containsEntry("to", "critical");
			assertThat(entry.detail().get("found").toString()).contains("User registered security info")
				.contains("Consent to application: Mail Backup Sync");
		});
	}

	@Test
	void showsWhatTheAttackerDidNextMarkedAndNothingOfOtherAccounts() {
		var entries = trail.of(incident);
		var attackerAudits = SimulatorProbe.attackerAuditIds(simulation.simulator(), FOXTROT, victim);
		assertThat(entries).allSatisfy(e -> assertThat(e.activity().accountId()).isEqualTo(victim));
		assertThat(entries)
			.allSatisfy(e -> assertThat(e.activity().occurredAt()).isAfterOrEqualTo(incident.firstSeen()));
		var marked = entries.stream().filter(AccountTrail.Entry::marked).map(AccountTrail.Entry::activity).toList();
		assertThat(marked).extracting(a -> a.kind())
			.contains(ActivityKind.METHOD_REGISTERED, ActivityKind.CONSENT_GRANTED, ActivityKind.RISK_DETECTED);
		assertThat(marked).filteredOn(a -> a.kind() == ActivityKind.METHOD_REGISTERED).singleElement().satisfies(a -> {
			assertThat(a.byAccount()).isTrue();
			assertThat(a.ipAddress()).isEqualTo("104.16.10.20");
			assertThat(a.summary()).contains("Microsoft Authenticator (iPhone 15 Pro)");
		});
		assertThat(marked).filteredOn(a -> a.kind() == ActivityKind.CONSENT_GRANTED)
			.extracting(a -> a.summary())
			.anyMatch(summary -> summary.contains("Scope: Mail.Read, Mail.Send, offline_access"));
		assertThat(marked).filteredOn(a -> a.kind() == ActivityKind.RISK_DETECTED)
			.extracting(a -> a.activity())
			.contains("attackerinTheMiddle", "suspiciousInboxForwarding");
		var ids = simulation.jdbc()
			.sql("select graph_id from activity_record where id = any(?)")
			.param(marked.stream().map(a -> a.recordId()).toArray(Long[]::new))
			.query(String.class)
			.set();
		assertThat(ids).containsAll(attackerAudits);
	}

	@Test
	void redeliveredActivityChangesNothing() {
		var found = trail.of(incident).stream().map(AccountTrail.Entry::activity).toList();
		simulation.publish(new AccountActivityFound(organization, tenant, found));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			var again = simulation.incidents().find(organization, incident.id()).orElseThrow();
			assertThat(again.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(simulation.incidents()
				.timeline(organization, incident.id())
				.stream()
				.filter(e -> e.kind().equals("post-compromise"))
				.count()).isEqualTo(1);
		});
	}

	@Test
	void theIncidentPageShowsItInTheChecklistAndTheActivityTable() throws Exception {
		var responder = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		var page = page(responder, incident.id());
		assertThat(page.getElementById("severity-raised").text()).startsWith("raised from high");
		assertThat(page.select("#account-activity-table tr:has(.badge)").text())
			.contains("Microsoft Authenticator (iPhone 15 Pro)", "after the sign-in");
		assertThat(page.text()).contains("The account's directory audits show what the attacker did next");
	}

	@Test
	void theShippedConsentRuleRaisesItsOwnIncidentWithTheAuditAsEvidence() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> !consentIncidents().isEmpty());
		var consent = consentIncidents().getFirst();
		assertThat(consentIncidents()).hasSize(1);
		assertThat(consent.ruleTitle()).isEqualTo("End User Consent");
		var evidence = simulation.incidents().activities(organization, consent.id());
		assertThat(evidence).singleElement().satisfies(record -> {
			assertThat(record.ipAddress()).isEqualTo("104.16.10.20");
			assertThat(record.evidence().get("activity").toString())
				.startsWith("Consent to application: Mail Backup Sync");
			assertThat(record.evidence()).containsEntry("matched", java.util.Map.of("selection", true));
		});
		// the audit delivered to detection again joins nothing twice
		var match = new io.vigil.detection.ActivityMatch(consent.ruleId(), consent.ruleTitle(), consent.severity(),
				consent.window(), consent.checklist(), consent.dedupKey(), evidence.getFirst().recordId(),
				evidence.getFirst().graphId(), evidence.getFirst().occurredAt(), victim, null, "104.16.10.20",
				evidence.getFirst().evidence());
		simulation.publish(
				new io.vigil.detection.ActivityMatched(organization, tenant, List.of(match), java.time.Instant.now()));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(simulation.incidents().activities(organization, consent.id())).hasSize(1));
		var responder = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		var page = page(responder, consent.id());
		assertThat(page.select("h2").eachText()).contains("Directory records that matched");
		assertThat(page.select("#activity-evidence").text()).contains("selection: matched");
		assertThat(page.select("#sign-ins, #ask-user")).isEmpty();
		// an incident about a directory record has no sign-in for the record to come
		// after
		var again = simulation.incidents().find(organization, consent.id()).orElseThrow();
		assertThat(again.postCompromiseAt()).isNull();
		assertThat(again.severity()).isEqualTo(consent.severity());
		assertThat(trail.of(again)).isNotEmpty().noneMatch(AccountTrail.Entry::marked);
	}

	private List<Incident> consentIncidents() {
		return simulation.incidents()
			.recent(organization, tenant, 50)
			.stream()
			.filter(i -> i.ruleId().equals("9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a") && victim.equals(i.accountId()))
			.toList();
	}

	private List<Incident> aitmIncidents() {
		return simulation.incidents()
			.recent(organization, tenant, 50)
			.stream()
			.filter(i -> i.ruleId().equals("RULE-1143") && victim.equals(i.accountId()))
			.toList();
	}

	private Document page(Object who, UUID incident) throws Exception {
		return org.jsoup.Jsoup
			.parse(mvc.perform(get("/incidents/" + incident).with(authentication(TestSignIn.token(who))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
	}

}
