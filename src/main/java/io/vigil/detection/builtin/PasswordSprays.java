package io.vigil.detection.builtin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.SignInFacts;
import org.jspecify.annotations.Nullable;

/**
 * Finds password sprays among a page's sign-ins: one address, or one hosting network
 * rotating its addresses, where at least {@link #ACCOUNTS} distinct accounts of the
 * tenant failed a password within a day. Counted over the stored history, so a spray
 * spread over many pages, polls or replicas is found whole.
 */
public final class PasswordSprays {

	/** Distinct accounts failing from one source before it is a spray. */
	static final int ACCOUNTS = 10;

	/** How far apart the failures of one spray (and the success after it) may be. */
	static final Duration SPAN = Duration.ofHours(24);

	/**
	 * Wrong password, account locked by smart lockout, no such user (enumeration): what a
	 * spray produces. MFA and Conditional Access failures mean the password was right.
	 */
	static final Set<Integer> FAILURES = Set.of(50126, 50053, 50034);

	/** Sign-ins of one spray fetched at most, to bound the work per page. */
	private static final int LIMIT = 2000;

	private final java.util.function.Supplier<HostingNetworks> networks;

	public PasswordSprays(java.util.function.Supplier<HostingNetworks> networks) {
		this.networks = networks;
	}

	/**
	 * A spray and its sign-ins (failures and successes) in the period around the page.
	 *
	 * @param source {@code ip=<address>} or {@code as=<number>}
	 */
	record Spray(String source, long accounts, List<SignInFacts> signIns) {

		Instant firstFailure() {
			return signIns.stream()
				.filter(Spray::failure)
				.map(SignInFacts::createdAt)
				.min(Comparator.naturalOrder())
				.orElseThrow();
		}

		Instant lastFailure() {
			return signIns.stream()
				.filter(Spray::failure)
				.map(SignInFacts::createdAt)
				.max(Comparator.naturalOrder())
				.orElseThrow();
		}

		static boolean failure(SignInFacts signIn) {
			return signIn.errorCode() != null && FAILURES.contains(signIn.errorCode());
		}

		Map<String, Object> facts() {
			var facts = new LinkedHashMap<String, Object>();
			facts.put("source", source);
			facts.put("accountsFailed", accounts);
			facts.put("firstFailure", firstFailure().toString());
			facts.put("lastFailure", lastFailure().toString());
			return facts;
		}

	}

	/** The page's sprays: RULE-1201 and RULE-1202 both ask, the history answers once. */
	List<Spray> find(List<SignInFacts> page, SignInHistory history) {
		return history.once("password-sprays", () -> search(page, history));
	}

	private List<Spray> search(List<SignInFacts> page, SignInHistory history) {
		var relevant = page.stream().filter(s -> Spray.failure(s) || s.succeeded()).toList();
		if (relevant.isEmpty()) {
			return List.of();
		}
		var from = relevant.stream()
			.map(SignInFacts::createdAt)
			.min(Comparator.naturalOrder())
			.orElseThrow()
			.minus(SPAN);
		var to = relevant.stream().map(SignInFacts::createdAt).max(Comparator.naturalOrder()).orElseThrow().plus(SPAN);
		var addresses = new HashSet<String>();
		var hosting = new HashSet<Integer>();
		for (var signIn : relevant) {
			if (signIn.ipAddress() != null) {
				addresses.add(signIn.ipAddress());
			}
			if (signIn.asn() != null && isHosting(signIn.asn())) {
				hosting.add(signIn.asn());
			}
		}
		var sprays = new ArrayList<Spray>();
		history.failedAccountsByAddress(addresses, FAILURES, from, to).forEach((address, accounts) -> {
			if (accounts >= ACCOUNTS) {
				sprays.add(new Spray("ip=" + address, accounts, history.signInsFrom(address, null, from, to, LIMIT)));
			}
		});
		history.failedAccountsByNetwork(hosting, FAILURES, from, to).forEach((network, accounts) -> {
			if (accounts >= ACCOUNTS && sprays.stream().noneMatch(s -> sameNetwork(s, network))) {
				sprays.add(new Spray("as=" + network, accounts, history.signInsFrom(null, network, from, to, LIMIT)));
			}
		});
		return sprays;
	}

	/**
	 * A network spray that is one address's spray already is reported as the address's.
	 */
	private static boolean sameNetwork(Spray spray, int network) {
		return spray.signIns().stream().allMatch(s -> Objects.equals(s.asn(), network));
	}

	private boolean isHosting(@Nullable Integer asn) {
		return asn != null && networks.get().contains(asn.longValue());
	}

}
