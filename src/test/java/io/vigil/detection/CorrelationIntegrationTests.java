package io.vigil.detection;

import java.time.Duration;
import java.util.List;

import io.vigil.incidents.Incident;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sigma {@code value_count} correlation (src/test/resources/correlation) over sign-ins
 * ingested in pages of 25: many accounts failing a password from one address within an
 * hour. It holds across pages and polls (no page holds ten of the failures), its matches
 * are the incident's evidence, the correlated rule raises nothing of its own (generate is
 * false), a smaller spray stays under the count, and a page delivered again, or twice at
 * once as two replicas would, adds nothing.
 */
class CorrelationIntegrationTests extends SprayedHotel {

	static final String CORRELATION = "5d1c8c7e-0000-4000-8000-00000000c0a2";

	static final String BASE = "5d1c8c7e-0000-4000-8000-00000000c0a1";

	@Override
	void detected() {
		assertThat(evidence()).isEqualTo(14);
	}

	@Test
	void theCorrelationHoldsAcrossPagesWithEveryFailureAsEvidence() {
		var found = correlationIncidents();
		assertThat(found).singleElement().satisfies(incident -> {
			assertThat(incident.ruleTitle()).isEqualTo("Many accounts failing a password from one address");
			assertThat(incident.severity()).isEqualTo(Severity.HIGH);
			assertThat(incident.dedupKey()).isEqualTo("group=IPAddress=185.220.101.10");
			var signIns = simulation.incidents().signIns(organization, incident.id());
			assertThat(signIns).hasSize(14)
				.allSatisfy(signIn -> assertThat(signIn.ipAddress()).isEqualTo("185.220.101.10"));
			var pattern = (java.util.Map<?, ?>) signIns.getLast().evidence().get("pattern");
			assertThat(pattern.get("correlation")).isEqualTo("value_count");
		});
		var stored = simulation.jdbc()
			.sql("select count(*) from correlation_match where managed_tenant_id = ? and group_key = ?")
			.params(tenant.value(), "IPAddress=185.220.101.11")
			.query(Long.class)
			.single();
		assertThat(stored).as("the smaller spray was counted, and stayed under ten accounts").isEqualTo(6);
	}

	@Test
	void aRetroHuntFindsTheSameWithoutStoringAnything() {
		var before = simulation.jdbc().sql("select count(*) from correlation_match").query(Long.class).single();
		var now = java.time.Instant.now();
		var report = retroHunt.hunt(organization, new RetroHunt.Request(tenant, now.minus(Duration.ofHours(5)), now,
				null, java.util.Set.of(CORRELATION), false));
		assertThat(report.complete()).isTrue();
		assertThat(report.matched()).isEqualTo(14);
		assertThat(report.hits()).extracting(RetroHunt.Hit::ruleId).containsOnly(CORRELATION);
		assertThat(report.hits()).extracting(RetroHunt.Hit::ipAddress).containsOnly("185.220.101.10");
		assertThat(simulation.jdbc().sql("select count(*) from correlation_match").query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void theCorrelatedRuleRaisesNothingOfItsOwn() {
		assertThat(simulation.incidents().recent(organization, tenant, 100)).noneMatch(i -> i.ruleId().equals(BASE));
	}

	@Test
	void aPageDeliveredAgainOrTwiceAtOnceAddsNothing() {
		deliverTwice("error_code = 50126");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(correlationIncidents()).hasSize(1);
			assertThat(evidence()).isEqualTo(14);
		});
	}

	private List<Incident> correlationIncidents() {
		return simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals(CORRELATION))
			.toList();
	}

	private long evidence() {
		return correlationIncidents().stream().mapToLong(Incident::signInCount).sum();
	}

}
