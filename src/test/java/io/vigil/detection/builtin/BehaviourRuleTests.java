package io.vigil.detection.builtin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.builtin.FirstSeenRule;
import io.vigil.detection.builtin.HostingNetworks;
import io.vigil.detection.builtin.ImpossibleTravelRule;
import io.vigil.detection.builtin.PasswordSprayRule;
import io.vigil.detection.builtin.PasswordSprays;
import io.vigil.detection.builtin.SprayedAccountSignInRule;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.SignInFacts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavioural rules over a history held in memory (the database answers the same
 * questions in the integration tests): what is a password spray (RULE-1201, RULE-1202)
 * impossible travel (RULE-1204) and a first-seen place (RULE-1205), and what is not.
 */
class BehaviourRuleTests {

	private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");

	private final PasswordSprays sprays = new PasswordSprays(HostingNetworks::snapshot);

	private final RuleLibrary library = RuleLibrary.builtIn(CloudflareNetworks::snapshot);

	private final BehaviourRule spray = behaviour(PasswordSprayRule.ID);

	private final BehaviourRule success = behaviour(SprayedAccountSignInRule.ID);

	private final BehaviourRule travel = behaviour(ImpossibleTravelRule.ID);

	private final List<SignInFacts> history = new ArrayList<>();

	private final List<io.vigil.ingest.LocatedSignIn> located = new ArrayList<>();

	private final BehaviourRule firstSeen = behaviour(FirstSeenRule.ID);

	private Instant historySince = T.minus(java.time.Duration.ofDays(60));

	private long ids;

	@Test
	void aBehaviouralRuleSwitchedOffDoesNotRun() {
		var book = library.ruleBook(io.vigil.detection.sigma.Placeholders.NONE);
		var off = book.without(java.util.Set.of(PasswordSprayRule.ID), book.statuses());
		assertThat(off.behaviours()).extracting(rule -> rule.metadata().id())
			.doesNotContain(PasswordSprayRule.ID)
			.contains(SprayedAccountSignInRule.ID, ImpossibleTravelRule.ID, FirstSeenRule.ID);
	}

	@Test
	void tenAccountsFailingFromOneAddressAreASpray() {
		for (int i = 0; i < 10; i++) {
			signIn("user-" + i, "185.220.101.10", 208294, 50126, i * 60);
		}
		var hits = spray.evaluate(history, memory());
		assertThat(hits).hasSize(10).allSatisfy(hit -> {
			assertThat(hit.dedupKey()).isEqualTo("source=ip=185.220.101.10");
			assertThat(hit.facts()).containsEntry("accountsFailed", 10L);
		});
	}

	@Test
	void nineAccountsAreNot() {
		for (int i = 0; i < 9; i++) {
			signIn("user-" + i, "185.220.101.10", 208294, 50126, i * 60);
		}
		assertThat(spray.evaluate(history, memory())).isEmpty();
	}

	@Test
	void oneAccountFailingManyTimesIsNoSpray() {
		for (int i = 0; i < 50; i++) {
			signIn("user-1", "185.220.101.10", 208294, 50126, i * 10);
		}
		assertThat(spray.evaluate(history, memory())).isEmpty();
	}

	@Test
	void mfaAndConditionalAccessFailuresDoNotCount() {
		for (int i = 0; i < 12; i++) {
			signIn("user-" + i, "203.0.113.5", 2856, i % 2 == 0 ? 50074 : 53003, i * 60);
		}
		assertThat(spray.evaluate(history, memory())).isEmpty();
	}

	@Test
	void aHostingNetworkRotatingAddressesIsOneSpray() {
		for (int i = 0; i < 12; i++) {
			signIn("user-" + i, "45.61.140." + i, 14061, 50126, i * 60);
		}
		var hits = spray.evaluate(history, memory());
		assertThat(hits).hasSize(12).extracting(BehaviourRule.Hit::dedupKey).containsOnly("source=as=14061");
	}

	@Test
	void anInternetProviderRotatingAddressesIsNot() {
		// many people of one ISP mistype their passwords: not one attacker
		for (int i = 0; i < 12; i++) {
			signIn("user-" + i, "86.1.2." + i, 2856, 50126, i * 60);
		}
		assertThat(spray.evaluate(history, memory())).isEmpty();
	}

	@Test
	void aNetworkTheRefreshedListCallsHostingSpraysAsOne() {
		for (int i = 0; i < 12; i++) {
			signIn("user-" + i, "86.1.2." + i, 2856, 50126, i * 60);
		}
		var refreshed = new PasswordSprayRule(spray.metadata(),
				new PasswordSprays(() -> HostingNetworks.withList("AS2856 # listed as a VPN exit", "test")));
		assertThat(refreshed.evaluate(history, memory())).hasSize(12)
			.extracting(BehaviourRule.Hit::dedupKey)
			.containsOnly("source=as=2856");
	}

	@Test
	void aSuccessFromTheSourceAfterTheSprayIsTheSprayedAccount() {
		signIn("early-bird", "185.220.101.10", 208294, 0, -3600);
		for (int i = 0; i < 10; i++) {
			signIn("user-" + i, "185.220.101.10", 208294, 50126, i * 60);
		}
		var victim = signIn("user-3", "185.220.101.10", 208294, 0, 700);
		signIn("someone-else", "198.51.100.1", 7922, 0, 800);
		var hits = success.evaluate(history, memory());
		assertThat(hits).singleElement().satisfies(hit -> {
			assertThat(hit.signInId()).isEqualTo(victim.id());
			assertThat(hit.dedupKey()).isEqualTo("account=user-3");
		});
	}

	@Test
	void aPageCompletingASprayNamesTheEarlierPagesSignInsToo() {
		for (int i = 0; i < 9; i++) {
			signIn("user-" + i, "185.220.101.10", 208294, 50126, i * 60);
		}
		var earlier = new ArrayList<>(history);
		var last = signIn("user-9", "185.220.101.10", 208294, 50126, 600);
		var hits = spray.evaluate(List.of(last), memory());
		assertThat(hits).extracting(BehaviourRule.Hit::signInId)
			.containsAll(earlier.stream().map(SignInFacts::id).toList())
			.contains(last.id());
	}

	@Test
	void homeThenAnotherContinentMinutesLaterIsImpossibleTravel() {
		at("adele", "73.97.1.2", 7922, "Seattle", 47.6062, -122.3321, 0);
		var far = at("adele", "177.92.20.11", 28573, "Sao Paulo", -23.5505, -46.6333, 20 * 60);
		var hits = travel.evaluate(List.of(facts(far)), memory());
		assertThat(hits).singleElement().satisfies(hit -> {
			assertThat(hit.signInId()).isEqualTo(far.id());
			assertThat(hit.dedupKey()).isEqualTo("account=adele");
			assertThat(hit.facts()).containsEntry("from", "Seattle, US")
				.containsEntry("to", "Sao Paulo, BR")
				.containsEntry("minutes", 20L);
			assertThat((Long) hit.facts().get("kilometres")).isBetween(10_000L, 11_000L);
		});
	}

	@Test
	void aFlightsWorthOfTimeIsNot() {
		at("adele", "73.97.1.2", 7922, "Seattle", 47.6062, -122.3321, 0);
		var toronto = at("adele", "99.224.1.2", 812, "Toronto", 43.6532, -79.3832, 8 * 3600);
		assertThat(travel.evaluate(List.of(facts(toronto)), memory())).isEmpty();
	}

	@Test
	void nearbyPlacesAreGeolocationNoise() {
		at("adele", "84.26.1.2", 1136, "Utrecht", 52.0907, 5.1214, 0);
		var amsterdam = at("adele", "84.26.9.9", 1136, "Amsterdam", 52.3676, 4.9041, 60);
		assertThat(travel.evaluate(List.of(facts(amsterdam)), memory())).isEmpty();
	}

	@Test
	void cloudflareAndHostingNetworksAreTheirExitNotThePerson() {
		at("adele", "73.97.1.2", 7922, "Seattle", 47.6062, -122.3321, 0);
		var warp = at("adele", "104.28.1.2", 13335, "Frankfurt", 50.1109, 8.6821, 600);
		var vps = at("adele", "45.61.140.1", 14061, "Singapore", 1.3521, 103.8198, 1200);
		assertThat(travel.evaluate(List.of(facts(warp), facts(vps)), memory())).isEmpty();
	}

	@Test
	void anotherAccountsSignInsAreNotTravel() {
		at("adele", "73.97.1.2", 7922, "Seattle", 47.6062, -122.3321, 0);
		var other = at("bob", "177.92.20.11", 28573, "Sao Paulo", -23.5505, -46.6333, 60);
		assertThat(travel.evaluate(List.of(facts(other)), memory())).isEmpty();
	}

	@Test
	void aLateEarlierSignInCompletesThePairToo() {
		var far = at("adele", "177.92.20.11", 28573, "Sao Paulo", -23.5505, -46.6333, 20 * 60);
		var late = at("adele", "73.97.1.2", 7922, "Seattle", 47.6062, -122.3321, 0);
		assertThat(travel.evaluate(List.of(facts(late)), memory())).extracting(BehaviourRule.Hit::signInId)
			.containsExactly(far.id());
	}

	@Test
	void aCountryAndNetworkNewForTheAccountIsFirstSeen() {
		homeDays("adele", 20);
		var brazil = placed("adele", "177.92.20.11", 28573, "BR", 0);
		var again = placed("adele", "177.92.20.12", 28573, "BR", 600);
		var hits = firstSeen.evaluate(List.of(brazil, again), memory());
		assertThat(hits).singleElement().satisfies(hit -> {
			assertThat(hit.signInId()).isEqualTo(brazil.id());
			assertThat(hit.parts()).containsEntry("new_country", true).containsEntry("new_network", true);
			assertThat(hit.facts()).containsEntry("country", "BR").containsEntry("knownCountries", "GB");
		});
	}

	@Test
	void aNewProviderAtHomeIsANewNetworkOnly() {
		homeDays("adele", 20);
		var newIsp = placed("adele", "86.1.1.1", 5089, "GB", 0);
		assertThat(firstSeen.evaluate(List.of(newIsp), memory())).singleElement()
			.satisfies(hit -> assertThat(hit.parts()).containsEntry("new_country", false)
				.containsEntry("new_network", true));
	}

	@Test
	void theUsualPlaceIsNothingNew() {
		homeDays("adele", 20);
		var usual = placed("adele", "81.132.1.1", 2856, "GB", 0);
		assertThat(firstSeen.evaluate(List.of(usual), memory())).isEmpty();
	}

	@Test
	void quietWhileTheTenantsHistoryIsShort() {
		homeDays("adele", 20);
		historySince = T.minus(java.time.Duration.ofDays(5));
		var brazil = placed("adele", "177.92.20.11", 28573, "BR", 0);
		assertThat(firstSeen.evaluate(List.of(brazil), memory())).isEmpty();
	}

	@Test
	void quietForAnAccountWithoutAWeekOfHistory() {
		homeDays("newcomer", 3);
		var brazil = placed("newcomer", "177.92.20.11", 28573, "BR", 0);
		assertThat(firstSeen.evaluate(List.of(brazil), memory())).isEmpty();
	}

	@Test
	void placesOlderThanTheBaselineAreForgotten() {
		// the account was in Brazil 40 days ago, and at home since
		placed("adele", "177.92.20.11", 28573, "BR", -40L * 86_400);
		homeDays("adele", 20);
		var brazil = placed("adele", "177.92.20.11", 28573, "BR", 0);
		assertThat(firstSeen.evaluate(List.of(brazil), memory())).hasSize(1);
	}

	/** A sign-in a day from home (Manchester, BT) for the last {@code days} days. */
	private void homeDays(String user, int days) {
		for (int day = days; day >= 1; day--) {
			placed(user, "81.132.1.1", 2856, "GB", -day * 86_400L);
		}
	}

	private SignInFacts placed(String user, String ip, int asn, String country, long seconds) {
		var facts = new SignInFacts(++ids, T.plusSeconds(seconds), "interactiveUser", user, null, ip, asn, 0, country);
		history.add(facts);
		return facts;
	}

	private io.vigil.ingest.LocatedSignIn at(String user, String ip, int asn, String city, double latitude,
			double longitude, long seconds) {
		var country = switch (city) {
			case "Seattle" -> "US";
			case "Sao Paulo" -> "BR";
			case "Toronto" -> "CA";
			case "Frankfurt" -> "DE";
			case "Singapore" -> "SG";
			default -> "NL";
		};
		var signIn = new io.vigil.ingest.LocatedSignIn(++ids, user, T.plusSeconds(seconds), ip, asn, country, city,
				latitude, longitude);
		located.add(signIn);
		return signIn;
	}

	private static SignInFacts facts(io.vigil.ingest.LocatedSignIn signIn) {
		return new SignInFacts(signIn.id(), signIn.createdAt(), "interactiveUser", signIn.account(), null,
				signIn.ipAddress(), signIn.asn(), 0);
	}

	private SignInFacts signIn(String user, String ip, int asn, int errorCode, long seconds) {
		var facts = new SignInFacts(++ids, T.plusSeconds(seconds), "interactiveUser", user, user + "@contoso.example",
				ip, asn, errorCode);
		history.add(facts);
		return facts;
	}

	private BehaviourRule behaviour(String id) {
		return library.ruleBook(io.vigil.detection.sigma.Placeholders.NONE)
			.behaviours()
			.stream()
			.filter(rule -> rule.metadata().id().equals(id))
			.findFirst()
			.orElseThrow();
	}

	/** The history as the database would answer, from the list. */
	private SignInHistory memory() {
		return new SignInHistory() {

			@Override
			public Map<String, Long> failedAccountsByAddress(Collection<String> addresses,
					Collection<Integer> errorCodes, Instant from, Instant to) {
				var accounts = new HashMap<String, HashSet<String>>();
				within(from, to).filter(s -> addresses.contains(s.ipAddress()) && errorCodes.contains(s.errorCode()))
					.forEach(s -> accounts.computeIfAbsent(s.ipAddress(), k -> new HashSet<>()).add(s.userId()));
				var result = new HashMap<String, Long>();
				accounts.forEach((address, users) -> result.put(address, (long) users.size()));
				return result;
			}

			@Override
			public Map<Integer, Long> failedAccountsByNetwork(Collection<Integer> networks,
					Collection<Integer> errorCodes, Instant from, Instant to) {
				var accounts = new HashMap<Integer, HashSet<String>>();
				within(from, to).filter(s -> networks.contains(s.asn()) && errorCodes.contains(s.errorCode()))
					.forEach(s -> accounts.computeIfAbsent(s.asn(), k -> new HashSet<>()).add(s.userId()));
				var result = new HashMap<Integer, Long>();
				accounts.forEach((network, users) -> result.put(network, (long) users.size()));
				return result;
			}

			@Override
			public List<SignInFacts> signInsFrom(@Nullable String address, @Nullable Integer network, Instant from,
					Instant to, int limit) {
				return within(from, to)
					.filter(s -> address != null ? address.equals(s.ipAddress()) : Objects.equals(network, s.asn()))
					.limit(limit)
					.toList();
			}

			@Override
			public List<io.vigil.ingest.LocatedSignIn> locatedSignIns(Collection<String> accounts, Instant from,
					Instant to) {
				return located.stream()
					.filter(s -> accounts.contains(s.account()))
					.filter(s -> !s.createdAt().isBefore(from) && !s.createdAt().isAfter(to))
					.sorted(java.util.Comparator.comparing(io.vigil.ingest.LocatedSignIn::account)
						.thenComparing(io.vigil.ingest.LocatedSignIn::createdAt))
					.toList();
			}

			@Override
			public Instant historySince() {
				return historySince;
			}

			@Override
			public List<io.vigil.ingest.AccountPlace> accountPlaces(Collection<String> accounts, Instant from,
					Instant to) {
				var first = new java.util.LinkedHashMap<List<Object>, io.vigil.ingest.AccountPlace>();
				within(from, to).filter(s -> s.succeeded() && accounts.contains(s.userId()))
					.sorted(java.util.Comparator.comparing(SignInFacts::createdAt))
					.forEach(s -> first.putIfAbsent(java.util.Arrays.asList(s.userId(), s.country(), s.asn()),
							new io.vigil.ingest.AccountPlace(s.userId(), s.country(), s.asn(), s.createdAt())));
				return List.copyOf(first.values());
			}

			private java.util.stream.Stream<SignInFacts> within(Instant from, Instant to) {
				return history.stream().filter(s -> !s.createdAt().isBefore(from) && !s.createdAt().isAfter(to));
			}

		};
	}

}
