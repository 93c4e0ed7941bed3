package io.vigil.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.vigil.VigilModuleTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How matches group into incidents: per tenant, rule and dedup key, within the window,
 * once per sign-in. The incidents module with the modules it depends on, driven by the
 * events detection publishes.
 */
@VigilModuleTest
class IncidentGroupingTests {

	private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

	private static final AtomicLong SIGN_IN_IDS = new AtomicLong(1_000_000);

	@Autowired
	Incidents incidents;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private OrganizationId organization;

	private ManagedTenantId tenant;

	/**
	 * Each test groups in a tenant of its own. Made here, not in field initialisers:
	 * under a module test JUnit keeps one instance of the class for all its tests.
	 */
	@BeforeEach
	void aTenantOfItsOwn() {
		organization = new OrganizationId(UUID.randomUUID());
		tenant = new ManagedTenantId(UUID.randomUUID());
	}

	@Test
	void aFirstMatchOpensAnIncidentAndAnnouncesIt(Scenario scenario) {
		var match = match("RULE-1143", "account=u1", T0);
		scenario.publish(new SignInsMatched(organization, tenant, List.of(match), Instant.now()))
			.andWaitForEventOfType(IncidentOpened.class)
			.matchingMappedValue(IncidentOpened::managedTenantId, tenant)
			.toArriveAndVerify(opened -> {
				assertThat(opened.organizationId()).isEqualTo(organization);
				assertThat(opened.ruleId()).isEqualTo("RULE-1143");
				assertThat(opened.severity()).isEqualTo(Severity.HIGH);
				assertThat(incidents.find(organization, opened.incidentId())).get()
					.extracting(Incident::signInCount)
					.isEqualTo(1);
			});
	}

	@Test
	void matchesOfOneAccountWithinTheWindowShareAnIncident() {
		var first = match("RULE-1143", "account=u1", T0);
		var second = match("RULE-1143", "account=u1", T0.plus(Duration.ofHours(1)));
		var late = match("RULE-1143", "account=u1", T0.minus(Duration.ofHours(2)));
		publish(first, second);
		awaitEvidence(2);
		publish(late);
		awaitEvidence(3);

		var incident = incidents.recent(organization, tenant, 10).getFirst();
		assertThat(incidents.recent(organization, tenant, 10)).hasSize(1);
		assertThat(incident.firstSeen()).isEqualTo(late.createdAt());
		assertThat(incident.lastSeen()).isEqualTo(second.createdAt());
		assertThat(incident.signInCount()).isEqualTo(3);
		assertThat(incidents.signIns(organization, incident.id())).extracting(IncidentSignIn::signInId)
			.containsExactly(late.signInId(), first.signInId(), second.signInId());
	}

	@Test
	void otherAccountsRulesAndKeysAreOtherIncidents() {
		publish(match("RULE-1143", "account=u1", T0), match("RULE-1143", "account=u2", T0),
				match("axios", "account=u1", T0), match("RULE-1143", "account=u1|ip=203.0.113.9", T0));
		awaitEvidence(4);
		assertThat(incidents.recent(organization, tenant, 10)).hasSize(4);
	}

	@Test
	void aMatchAfterTheWindowOpensANewIncident() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		publish(match("RULE-1143", "account=u1", T0.plus(Duration.ofHours(25))));
		awaitEvidence(2);
		assertThat(incidents.recent(organization, tenant, 10)).extracting(Incident::signInCount).containsExactly(1, 1);
	}

	@Test
	void aClosedIncidentTakesNoNewMatches() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		var dismissed = incidents.recent(organization, tenant, 10).getFirst();
		assertThat(incidents.changeStatus(organization, dismissed.id(), IncidentStatus.DISMISSED_BENIGN, "ana"))
			.isTrue();
		publish(match("RULE-1143", "account=u1", T0.plus(Duration.ofMinutes(5))));
		awaitEvidence(2);
		assertThat(incidents.recent(organization, tenant, 10)).extracting(Incident::status)
			.containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.DISMISSED_BENIGN);
		assertThat(incidents.timeline(organization, dismissed.id())).extracting(TimelineEntry::kind)
			.containsExactly("opened", "sign-in-matched", "status-changed");
	}

	@Test
	void aMatchWhileTheCustomerSaysBenignJoinsTheIncidentAwaitingReview() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		var awaiting = incidents.recent(organization, tenant, 10).getFirst();
		assertThat(incidents.changeStatus(organization, awaiting.id(), IncidentStatus.CUSTOMER_SAYS_BENIGN, "it"))
			.isTrue();
		publish(match("RULE-1143", "account=u1", T0.plus(Duration.ofMinutes(5))));
		awaitEvidence(2);
		assertThat(incidents.recent(organization, tenant, 10)).as("open: the analyst sees the new sign-in there")
			.singleElement()
			.satisfies(incident -> {
				assertThat(incident.signInCount()).isEqualTo(2);
				assertThat(incident.status()).isEqualTo(IncidentStatus.CUSTOMER_SAYS_BENIGN);
			});
	}

	@Test
	void aRedeliveredMatchAddsNothing() {
		var match = match("RULE-1143", "account=u1", T0);
		publish(match);
		awaitEvidence(1);
		publish(match);
		publish(match, match);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(incidents.recent(organization, tenant, 10)).hasSize(1);
			assertThat(evidence()).isEqualTo(1);
		});
	}

	@Test
	void anotherOrganizationSeesNothing() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		var incident = incidents.recent(organization, tenant, 10).getFirst();
		var other = new OrganizationId(UUID.randomUUID());
		assertThat(incidents.find(other, incident.id())).isEmpty();
		assertThat(incidents.signIns(other, incident.id())).isEmpty();
		assertThat(incidents.timeline(other, incident.id())).isEmpty();
		assertThat(incidents.changeStatus(other, incident.id(), IncidentStatus.RESOLVED, "mallory")).isFalse();
		assertThat(incidents.assign(other, incident.id(), "mallory", "mallory")).isFalse();
		assertThat(incidents.find(organization, incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.NEW);
	}

	@Test
	void assignmentIsOnTheTimeline() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		var incident = incidents.recent(organization, tenant, 10).getFirst();
		assertThat(incidents.assign(organization, incident.id(), "ana@msp.example", "lead@msp.example")).isTrue();
		assertThat(incidents.find(organization, incident.id()).orElseThrow().assignee()).isEqualTo("ana@msp.example");
		assertThat(incidents.timeline(organization, incident.id()).getLast()).satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("lead@msp.example");
			assertThat(entry.detail()).isEqualTo(Map.of("assignee", "ana@msp.example"));
		});
	}

	@Test
	void checklistAnswersAreKeptAndValidated() {
		publish(match("RULE-1143", "account=u1", T0));
		awaitEvidence(1);
		var incident = incidents.recent(organization, tenant, 10).getFirst().id();
		assertThat(incidents.answerChecklist(organization, incident, "recognised", "Not recognised", null, "ana"))
			.isTrue();
		assertThat(incidents.answerChecklist(organization, incident, "block", "skipped", "done by the customer", "ana"))
			.isTrue();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> incidents.answerChecklist(organization, incident, "block", "skipped", " ", "ana"))
			.withMessageContaining("needs a reason");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> incidents.answerChecklist(organization, incident, "recognised", "Maybe", null, "ana"))
			.withMessageContaining("expected Not recognised, Recognised or skipped");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> incidents.answerChecklist(organization, incident, "nope", "done", null, "ana"));
		assertThat(incidents.answerChecklist(new OrganizationId(UUID.randomUUID()), incident, "block", "done", null,
				"mallory"))
			.isFalse();

		var state = incidents.find(organization, incident).orElseThrow().checklistState();
		assertThat(state).containsOnlyKeys("recognised", "block");
		@SuppressWarnings("unchecked")
		var block = (Map<String, Object>) state.get("block");
		assertThat(block).containsEntry("answer", "skipped")
			.containsEntry("note", "done by the customer")
			.containsEntry("by", "ana");
		assertThat(incidents.timeline(organization, incident)).filteredOn(e -> e.kind().equals("checklist-answered"))
			.extracting(e -> e.detail().get("step"))
			.containsExactly("recognised", "block");
	}

	private void publish(SignInMatch... matches) {
		transactions.executeWithoutResult(status -> events
			.publishEvent(new SignInsMatched(organization, tenant, List.of(matches), Instant.now())));
	}

	private void awaitEvidence(long expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(evidence()).isEqualTo(expected));
	}

	private long evidence() {
		return incidents.recent(organization, tenant, 100).stream().mapToLong(Incident::signInCount).sum();
	}

	private static SignInMatch match(String rule, String dedupKey, Instant createdAt) {
		var id = SIGN_IN_IDS.incrementAndGet();
		return new SignInMatch(
				rule, "Rule " + rule, Severity.HIGH, Duration.ofHours(24), List.of(
						new ChecklistStep("recognised", "Recognised?",
								List.of(new ChecklistStep.Answer("Not recognised", "block"),
										new ChecklistStep.Answer("Recognised", null)),
								null, null),
						new ChecklistStep("block", "Block sign-in", List.of(), null, "block-sign-in")),
				dedupKey, id, "graph-" + id, createdAt, "u1", "u1@alpha.example", "User One", "203.0.113.9",
				Map.of("matched", Map.of("successful", true)));
	}

}
