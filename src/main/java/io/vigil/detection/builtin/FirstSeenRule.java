package io.vigil.detection.builtin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.AccountPlace;
import io.vigil.ingest.SignInFacts;

/**
 * RULE-1205: a successful interactive sign-in from a country or network the account has
 * not signed in from in its last 30 days. The baseline is the stored history itself, so
 * it survives restarts and is the same on every replica. Quiet while the tenant's stored
 * history is shorter than two weeks, and for an account with less than a week of it:
 * without a baseline everything is new.
 */
public record FirstSeenRule(RuleMetadata metadata) implements BehaviourRule {

	public static final String ID = "RULE-1205";

	static final Duration BASELINE = Duration.ofDays(30);

	static final Duration TENANT_HISTORY = Duration.ofDays(14);

	static final Duration ACCOUNT_HISTORY = Duration.ofDays(7);

	@Override
	public List<Hit> evaluate(List<SignInFacts> page, SignInHistory history) {
		var successes = page.stream().filter(SignInFacts::interactiveSuccess).toList();
		if (successes.isEmpty()) {
			return List.of();
		}
		var from = successes.stream().map(SignInFacts::createdAt).min(Comparator.naturalOrder()).orElseThrow();
		var to = successes.stream().map(SignInFacts::createdAt).max(Comparator.naturalOrder()).orElseThrow();
		var since = history.historySince();
		if (since == null || since.isAfter(from.minus(TENANT_HISTORY))) {
			return List.of();
		}
		var accounts = successes.stream().map(SignInFacts::userId).collect(Collectors.toSet());
		var places = history.accountPlaces(accounts, from.minus(BASELINE), to)
			.stream()
			.collect(Collectors.groupingBy(AccountPlace::account));
		var hits = new ArrayList<Hit>();
		for (var signIn : successes) {
			var known = places.getOrDefault(signIn.userId(), List.of());
			var hit = novelty(signIn, known);
			if (hit != null) {
				hits.add(hit);
			}
		}
		return hits;
	}

	private static @org.jspecify.annotations.Nullable Hit novelty(SignInFacts signIn, List<AccountPlace> known) {
		var at = signIn.createdAt();
		var before = known.stream().filter(place -> place.firstAt().isBefore(at)).toList();
		var accountSince = before.stream().map(AccountPlace::firstAt).min(Comparator.naturalOrder()).orElse(at);
		if (accountSince.isAfter(at.minus(ACCOUNT_HISTORY))) {
			return null;
		}
		var newCountry = signIn.country() != null
				&& before.stream().noneMatch(place -> signIn.country().equals(place.country()));
		var newNetwork = signIn.asn() != null
				&& before.stream().noneMatch(place -> Objects.equals(signIn.asn(), place.asn()));
		if (!newCountry && !newNetwork) {
			return null;
		}
		var facts = new LinkedHashMap<String, Object>();
		facts.put("country", String.valueOf(signIn.country()));
		facts.put("network", signIn.asn() == null ? "unknown" : "AS" + signIn.asn());
		facts.put("knownCountries", String.join(", ", new TreeSet<>(
				before.stream().map(AccountPlace::country).filter(Objects::nonNull).collect(Collectors.toSet()))));
		facts.put("knownNetworks", before.stream().map(AccountPlace::asn).filter(Objects::nonNull).distinct().count());
		facts.put("baselineDays", BASELINE.toDays());
		return new Hit(signIn.id(), "account=" + signIn.userId(),
				Map.of("successful", true, "new_country", newCountry, "new_network", newNetwork), facts);
	}

}
