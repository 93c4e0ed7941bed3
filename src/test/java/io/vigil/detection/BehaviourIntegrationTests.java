package io.vigil.detection;

import java.time.Duration;
import java.util.List;

import io.vigil.incidents.Incident;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behavioural rules on sign-ins ingested in small pages from the simulator: a password
 * spray is one RULE-1201 incident with every failed sign-in, found although no single
 * page holds ten of them; RULE-1202 names the account whose password worked; a smaller
 * spray raises nothing; an account at home and on another continent twenty minutes later
 * is impossible travel (RULE-1204), while the ordinary traffic, the spray through a Tor
 * exit and the rest raise no travel; a page delivered again, or twice at once, adds
 * nothing.
 */
class BehaviourIntegrationTests extends SprayedHotel {

	@Override
	void detected() {
		assertThat(evidence("RULE-1201")).isEqualTo(14);
		assertThat(evidence("RULE-1202")).isEqualTo(1);
		assertThat(travelOf(5)).hasSize(1);
	}

	@Test
	void homeThenSaoPauloTwentyMinutesLaterIsImpossibleTravelAndNothingElseIs() {
		var travel = travelOf(5).getFirst();
		// the account the spray got into may travel too (at home in the morning, then the
		// sprayer
		// from Bucharest): a true positive; nobody else does
		assertThat(simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals("RULE-1204"))
			.map(Incident::accountId))
			.isSubsetOf(simulation.simulator().user(HOTEL, 5), simulation.simulator().user(HOTEL, 24));
		assertThat(simulation.incidents().signIns(organization, travel.id())).singleElement().satisfies(signIn -> {
			assertThat(signIn.ipAddress()).startsWith("177.92.");
			var pattern = (java.util.Map<?, ?>) signIn.evidence().get("pattern");
			assertThat(pattern.get("to")).isEqualTo("Sao Paulo, BR");
			// from the account's last sign-in at home: the attack's, or an ordinary one
			// after it
			assertThat(((Number) pattern.get("minutes")).intValue()).isBetween(0, 20);
		});
	}

	@Test
	void theSprayIsOneIncidentWithEveryFailedSignIn() {
		var spray = only("RULE-1201");
		assertThat(spray.dedupKey()).isEqualTo("source=ip=185.220.101.10");
		assertThat(spray.severity()).isEqualTo(Severity.MEDIUM);
		var signIns = simulation.incidents().signIns(organization, spray.id());
		assertThat(signIns).hasSize(14).allSatisfy(signIn -> {
			assertThat(signIn.ipAddress()).isEqualTo("185.220.101.10");
			assertThat(signIn.evidence().get("errorCode")).isEqualTo(50126);
			assertThat(signIn.evidence().get("matched"))
				.isEqualTo(java.util.Map.of("password_failed", true, "many_accounts_from_source", true));
		});
		var pages = simulation.simulator().requests(HOTEL).stream().filter(r -> r.path().contains("signIns")).count();
		assertThat(pages).as("the spray came over many pages").isGreaterThan(5);
	}

	@Test
	void theAccountWhosePasswordWorkedHasItsOwnIncident() {
		var victim = simulation.simulator().user(HOTEL, 24);
		var sprayed = only("RULE-1202");
		assertThat(sprayed.accountId()).isEqualTo(victim);
		assertThat(simulation.incidents().signIns(organization, sprayed.id())).singleElement().satisfies(signIn -> {
			var pattern = (java.util.Map<?, ?>) signIn.evidence().get("pattern");
			assertThat(pattern.get("source")).isEqualTo("ip=185.220.101.10");
			// as many as were stored when the success was evaluated (Graph lists newest
			// first)
			assertThat(((Number) pattern.get("accountsFailed")).intValue()).isBetween(10, 14);
		});
	}

	@Test
	void aRetroHuntFindsTheSprayInTheStoredSignIns() {
		var now = java.time.Instant.now();
		var report = retroHunt.hunt(organization, new RetroHunt.Request(tenant, now.minus(Duration.ofHours(5)), now,
				null, java.util.Set.of("RULE-1201", "RULE-1202"), false));
		assertThat(report.complete()).isTrue();
		assertThat(report.hits()).filteredOn(hit -> hit.ruleId().equals("RULE-1201"))
			.hasSize(14)
			.extracting(RetroHunt.Hit::ipAddress)
			.containsOnly("185.220.101.10");
		assertThat(report.hits()).filteredOn(hit -> hit.ruleId().equals("RULE-1202")).hasSize(1);
		assertThat(report.matched()).isEqualTo(15);
	}

	@Test
	void aSprayUnderTheThresholdRaisesNothing() {
		assertThat(simulation.incidents().recent(organization, tenant, 100))
			.noneMatch(incident -> simulation.incidents()
				.signIns(organization, incident.id())
				.stream()
				.anyMatch(signIn -> "185.220.101.11".equals(signIn.ipAddress())));
	}

	@Test
	void aPageDeliveredAgainOrTwiceAtOnceAddsNothing() {
		deliverTwice("ip_address = '185.220.101.10'");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(evidence("RULE-1201")).isEqualTo(14);
			assertThat(evidence("RULE-1202")).isEqualTo(1);
			assertThat(simulation.incidents()
				.recent(organization, tenant, 100)
				.stream()
				.filter(i -> i.ruleId().equals("RULE-1201") || i.ruleId().equals("RULE-1202"))
				.count()).isEqualTo(2);
		});
	}

	private List<Incident> travelOf(int user) {
		return simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals("RULE-1204")
					&& simulation.simulator().user(HOTEL, user).equals(i.accountId()))
			.toList();
	}

	private long evidence(String rule) {
		return simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals(rule))
			.mapToLong(Incident::signInCount)
			.sum();
	}

	private Incident only(String rule) {
		var found = simulation.incidents()
			.recent(organization, tenant, 100)
			.stream()
			.filter(i -> i.ruleId().equals(rule))
			.toList();
		assertThat(found).hasSize(1);
		return found.getFirst();
	}

}
