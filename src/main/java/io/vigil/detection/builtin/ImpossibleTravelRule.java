package io.vigil.detection.builtin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import inet.ipaddr.IPAddressString;
import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.LocatedSignIn;
import io.vigil.ingest.SignInFacts;

/**
 * RULE-1204: two successful interactive sign-ins of one account too far apart for the
 * time between them. Sign-ins through CloudFlare or a hosting / VPN network are left out:
 * their location is the egress, not the person, and a VPN user "travels" all day. Read
 * from the stored history around the page, so the earlier sign-in may be on another page
 * and the later one may arrive late.
 */
public record ImpossibleTravelRule(RuleMetadata metadata, Supplier<CloudflareNetworks> cloudflare,
		Supplier<HostingNetworks> networks) implements BehaviourRule {

	public static final String ID = "RULE-1204";

	/** Faster than an airliner, with room for geolocation's error. */
	static final double KILOMETRES_PER_HOUR = 1000;

	/** Closer than this is geolocation noise (a mobile network, a city's two ends). */
	static final double MINIMUM_KILOMETRES = 500;

	/** How far apart two sign-ins may be and still be compared. */
	static final Duration SPAN = Duration.ofHours(24);

	@Override
	public List<Hit> evaluate(List<SignInFacts> page, SignInHistory history) {
		var successes = page.stream().filter(SignInFacts::interactiveSuccess).toList();
		if (successes.isEmpty()) {
			return List.of();
		}
		var pageIds = successes.stream().map(SignInFacts::id).collect(Collectors.toSet());
		var from = successes.stream().map(SignInFacts::createdAt).min(Comparator.naturalOrder()).orElseThrow();
		var to = successes.stream().map(SignInFacts::createdAt).max(Comparator.naturalOrder()).orElseThrow();
		var accounts = successes.stream().map(SignInFacts::userId).collect(Collectors.toSet());
		var byAccount = history.locatedSignIns(accounts, from.minus(SPAN), to.plus(SPAN))
			.stream()
			.filter(this::personal)
			.collect(Collectors.groupingBy(LocatedSignIn::account, LinkedHashMap::new, Collectors.toList()));
		var hits = new ArrayList<Hit>();
		byAccount.forEach((account, signIns) -> hits.addAll(travels(account, signIns, pageIds)));
		return hits;
	}

	/** Consecutive sign-ins of one account, one of them on the page, too far apart. */
	private List<Hit> travels(String account, List<LocatedSignIn> signIns, Set<Long> pageIds) {
		var hits = new ArrayList<Hit>();
		for (int i = 1; i < signIns.size(); i++) {
			var before = signIns.get(i - 1);
			var after = signIns.get(i);
			if (!pageIds.contains(before.id()) && !pageIds.contains(after.id())) {
				continue;
			}
			var kilometres = kilometres(before, after);
			var hours = Math.max(Duration.between(before.createdAt(), after.createdAt()).toMillis(), 1) / 3_600_000d;
			var speed = kilometres / hours;
			if (kilometres >= MINIMUM_KILOMETRES && speed > KILOMETRES_PER_HOUR) {
				var facts = new LinkedHashMap<String, Object>();
				facts.put("from", place(before));
				facts.put("to", place(after));
				facts.put("kilometres", Math.round(kilometres));
				facts.put("minutes", Duration.between(before.createdAt(), after.createdAt()).toMinutes());
				facts.put("kilometresPerHour", Math.round(speed));
				facts.put("previousSignIn", before.createdAt().toString());
				hits.add(new Hit(after.id(), "account=" + account, Map.of("successful", true, "too_far_too_fast", true),
						facts));
			}
		}
		return hits;
	}

	/**
	 * Whether the sign-in's place is the person's: not CloudFlare, not a hosting or VPN
	 * network (whose place is its egress).
	 */
	private boolean personal(LocatedSignIn signIn) {
		var asn = signIn.asn();
		if (asn != null && (cloudflare.get().ownsAutonomousSystem(asn.longValue())
				|| networks.get().contains(asn.longValue()))) {
			return false;
		}
		var address = signIn.ipAddress() == null ? null : new IPAddressString(signIn.ipAddress()).getAddress();
		return address == null || !cloudflare.get().contains(address);
	}

	private static String place(LocatedSignIn signIn) {
		var city = signIn.city() == null ? "" : signIn.city() + ", ";
		return city + (signIn.country() == null ? "?" : signIn.country());
	}

	/** Great-circle distance (haversine), Earth's mean radius. */
	static double kilometres(LocatedSignIn a, LocatedSignIn b) {
		var lat1 = Math.toRadians(a.latitude());
		var lat2 = Math.toRadians(b.latitude());
		var dLat = lat2 - lat1;
		var dLon = Math.toRadians(b.longitude() - a.longitude());
		var h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
				+ Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
	}

}
