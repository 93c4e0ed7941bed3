package io.vigil.detection;

import java.time.Duration;
import java.util.List;

import io.vigil.Simulation;
import io.vigil.MovableClock;
import io.vigil.VigilIntegrationTest;
import io.vigil.incidents.Incident;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RULE-1205 on three weeks of stored history: the account that signs in from Brazil after
 * the backfill is first seen there, nobody at home is, and a tenant with hours of history
 * stays quiet. (During a backfill Graph lists the newest sign-ins first, before the
 * history that would be their baseline: what is backfilled is history, not news.)
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/first-seen.yml",
		"app.ingest.initial-lookback=P30D", "app.ingest.lease=PT10M" })
@Import(MovableClock.InContext.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstSeenIntegrationTests {

	static final String JULIET = "11110000-0000-4000-8000-00000000000a";

	static final String KILO = "22220000-0000-4000-8000-00000000000b";

	@Autowired
	Simulation simulation;

	@Autowired
	MovableClock clock;

	OrganizationId organization;

	ManagedTenantId juliet;

	ManagedTenantId kilo;

	@BeforeAll
	void ingestThreeWeeks() {
		var msp = simulation.organization("First seen MSP");
		organization = msp.id();
		juliet = msp.connect(JULIET, "Juliet");
		kilo = msp.connect(KILO, "Kilo");
		// the backfill first; then the time moves to the sign-ins 40 s after the start
		msp.awaitIngested(juliet, JULIET);
		msp.awaitIngested(kilo, KILO);
		clock.advance(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(rule(juliet, "RULE-1204")).isNotEmpty();
			assertThat(rule(kilo, "RULE-1204")).isNotEmpty();
		});
	}

	@Test
	void brazilIsNewForTheTravellerAndNothingIsNewForAnyoneElse() {
		await().atMost(Duration.ofSeconds(60)).until(() -> !rule(juliet, "RULE-1205").isEmpty());
		var firstSeen = rule(juliet, "RULE-1205");
		assertThat(firstSeen).singleElement().satisfies(incident -> {
			assertThat(incident.accountId()).isEqualTo(simulation.simulator().user(JULIET, 4));
			assertThat(incident.severity()).isEqualTo(Severity.LOW);
			var signIn = simulation.incidents().signIns(organization, incident.id()).getFirst();
			assertThat(signIn.ipAddress()).startsWith("177.92.");
			var pattern = (java.util.Map<?, ?>) signIn.evidence().get("pattern");
			assertThat(pattern.get("country")).isEqualTo("BR");
			assertThat(pattern.get("network")).isEqualTo("AS28573");
		});
		assertThat(simulation.signIns().historySince(organization, juliet)).get()
			.satisfies(since -> assertThat(since).isBefore(clock.instant().minus(Duration.ofDays(19))));
	}

	@Test
	void aTenantWithHoursOfHistoryStaysQuiet() {
		assertThat(rule(kilo, "RULE-1205")).isEmpty();
	}

	private List<Incident> rule(ManagedTenantId tenant, String rule) {
		return simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals(rule))
			.toList();
	}

}
