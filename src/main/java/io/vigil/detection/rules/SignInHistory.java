package io.vigil.detection.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.vigil.ingest.SignInFacts;
import org.jspecify.annotations.Nullable;

/** A tenant's stored sign-ins, as behavioural rules ask about them. */
public interface SignInHistory {

	/**
	 * What several rules work out from the same page (the page's password sprays), worked
	 * out once per page: the history of one page's evaluation keeps it; by default it is
	 * worked out each time.
	 */
	default <T> T once(String key, java.util.function.Supplier<T> compute) {
		return compute.get();
	}

	/** Distinct accounts that failed with these codes from each address in the period. */
	Map<String, Long> failedAccountsByAddress(Collection<String> addresses, Collection<Integer> errorCodes,
			Instant from, Instant to);

	/** Distinct accounts that failed with these codes from each autonomous system. */
	Map<Integer, Long> failedAccountsByNetwork(Collection<Integer> networks, Collection<Integer> errorCodes,
			Instant from, Instant to);

	/**
	 * Successful interactive sign-ins of these accounts that Graph located, by account
	 * and time.
	 */
	List<io.vigil.ingest.LocatedSignIn> locatedSignIns(Collection<String> accounts, Instant from, Instant to);

	/** How far back the tenant's stored sign-ins reach; null before the first page. */
	@Nullable Instant historySince();

	/**
	 * Each country and network the accounts signed in from successfully, first time each.
	 */
	List<io.vigil.ingest.AccountPlace> accountPlaces(Collection<String> accounts, Instant from, Instant to);

	/** Sign-ins from an address, or (address null) an autonomous system, oldest first. */
	List<SignInFacts> signInsFrom(@Nullable String address, @Nullable Integer network, Instant from, Instant to,
			int limit);

}
