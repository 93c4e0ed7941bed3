package io.vigil.detection.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.SignInFacts;
import io.vigil.ingest.SignInLog;
import io.vigil.ingest.StoredSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Runs the tenant's behavioural rules on an ingested page: each rule asks the stored
 * history its questions, and its hits become matches with the same evidence as any other
 * (the address's network, place, other accounts), plus what the pattern looked like.
 */
@Component
public class BehaviourDetection {

	private final SignInLog signIns;

	private final Matches matches;

	private final Evidence evidence;

	private final Clock clock;

	BehaviourDetection(SignInLog signIns, Matches matches, Evidence evidence, Clock clock) {
		this.signIns = signIns;
		this.matches = matches;
		this.evidence = evidence;
		this.clock = clock;
	}

	public List<SignInMatch> evaluate(RuleBook book, OrganizationId organization, ManagedTenantId tenant,
			List<Long> signInIds) {
		if (book.behaviours().isEmpty()) {
			return List.of();
		}
		var page = signIns.ingestedFacts(organization, signInIds);
		var history = history(organization, tenant);
		var hits = new ArrayList<Map.Entry<BehaviourRule, BehaviourRule.Hit>>();
		for (var rule : book.behaviours()) {
			rule.evaluate(page, history).forEach(hit -> hits.add(Map.entry(rule, hit)));
		}
		if (hits.isEmpty()) {
			return List.of();
		}
		var stored = new HashMap<Long, StoredSignIn>();
		signIns.ingestedRecords(organization, hits.stream().map(hit -> hit.getValue().signInId()).distinct().toList())
			.forEach(signIn -> stored.put(signIn.id(), signIn));
		var now = clock.instant();
		var result = new ArrayList<SignInMatch>();
		for (var entry : hits) {
			var signIn = stored.get(entry.getValue().signInId());
			if (signIn != null) {
				result.add(describe(entry.getKey().metadata(), entry.getValue(), signIn, now));
			}
		}
		return result;
	}

	private SignInMatch describe(RuleMetadata metadata, BehaviourRule.Hit hit, StoredSignIn stored, Instant now) {
		var event = matches.event(stored);
		var account = event.text("userId") != null ? event.text("userId")
				: event.text("userPrincipalName") != null ? event.text("userPrincipalName") : "unknown";
		var details = new java.util.LinkedHashMap<String, Object>(
				evidence.of(stored.organizationId(), stored.managedTenantId(), event, hit.parts(), account, now));
		details.put("pattern", hit.facts());
		return new SignInMatch(metadata.id(), metadata.title(), metadata.severity(), metadata.window(),
				metadata.checklist(), hit.dedupKey(), stored.id(), stored.graphId(), stored.createdAt(),
				event.text("userId"), event.text("userPrincipalName"), event.text("userDisplayName"),
				event.text("ipAddress"), details);
	}

	private SignInHistory history(OrganizationId organization, ManagedTenantId tenant) {
		return new SignInHistory() {

			private final Map<String, Object> worked = new HashMap<>();

			@Override
			@SuppressWarnings("unchecked")
			public <T> T once(String key, java.util.function.Supplier<T> compute) {
				return (T) worked.computeIfAbsent(key, k -> compute.get());
			}

			@Override
			public Map<String, Long> failedAccountsByAddress(Collection<String> addresses,
					Collection<Integer> errorCodes, Instant from, Instant to) {
				return signIns.failedAccountsByAddress(organization, tenant, addresses, errorCodes, from, to);
			}

			@Override
			public Map<Integer, Long> failedAccountsByNetwork(Collection<Integer> networks,
					Collection<Integer> errorCodes, Instant from, Instant to) {
				return signIns.failedAccountsByNetwork(organization, tenant, networks, errorCodes, from, to);
			}

			@Override
			public List<io.vigil.ingest.LocatedSignIn> locatedSignIns(Collection<String> accounts, Instant from,
					Instant to) {
				return signIns.locatedSignIns(organization, tenant, accounts, from, to, 5000);
			}

			@Override
			public @Nullable Instant historySince() {
				return signIns.historySince(organization, tenant).orElse(null);
			}

			@Override
			public List<io.vigil.ingest.AccountPlace> accountPlaces(Collection<String> accounts, Instant from,
					Instant to) {
				return signIns.accountPlaces(organization, tenant, accounts, from, to);
			}

			@Override
			public List<SignInFacts> signInsFrom(@Nullable String address, @Nullable Integer network, Instant from,
					Instant to, int limit) {
				return signIns.signInsFrom(organization, tenant, address, network, from, to, limit);
			}

		};
	}

}
