package io.vigil.detection.evaluation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.vigil.detection.SignInMatch;
import io.vigil.detection.rules.CompiledCorrelation;
import io.vigil.detection.sigma.CorrelationWindows;
import io.vigil.ingest.SignInLog;
import io.vigil.ingest.StoredSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Runs Sigma correlation rules as pages arrive: the correlated rules' matches of the page
 * are stored by correlation and group (once each), then each group touched is read back
 * whole, under a lock, and where the correlation holds, its matches (of this page and
 * earlier ones) become the incident's evidence. Incidents record each sign-in once per
 * rule, so redelivery and concurrent replicas add nothing twice.
 */
@Component
public class CorrelationDetection {

	/** The most matches of one group read back: bounds the work of a flood. */
	private static final int LIMIT = 5000;

	private final CorrelationStore store;

	private final SignInLog signIns;

	private final Matches matches;

	private final Evidence evidence;

	private final Clock clock;

	CorrelationDetection(CorrelationStore store, SignInLog signIns, Matches matches, Evidence evidence, Clock clock) {
		this.store = store;
		this.signIns = signIns;
		this.matches = matches;
		this.evidence = evidence;
		this.clock = clock;
	}

	/** A correlated rule matched a sign-in of the page. */
	public record Input(CompiledCorrelation correlation, String ruleId, long signInId, java.time.Instant at,
			String groupKey, @Nullable String value) {
	}

	/** What a page's matches of correlated rules add up to. */
	List<SignInMatch> evaluate(OrganizationId organization, ManagedTenantId tenant, List<Input> inputs) {
		if (inputs.isEmpty()) {
			return List.of();
		}
		var found = new ArrayList<Map.Entry<Input, List<CorrelationWindows.Match>>>();
		var groups = inputs.stream()
			.collect(Collectors.groupingBy(input -> List.of(input.correlation().id(), input.groupKey()),
					LinkedHashMap::new, Collectors.toList()));
		for (var group : groups.values()) {
			var first = group.getFirst();
			var correlation = first.correlation();
			store.lock(tenant, correlation.id(), first.groupKey());
			for (var input : group) {
				store.add(organization, tenant, correlation.id(), input.ruleId(), input.groupKey(), input.value(),
						input.signInId(), input.at());
			}
			var span = correlation.correlation().timespan();
			var from = group.stream().map(Input::at).min(java.util.Comparator.naturalOrder()).orElseThrow().minus(span);
			var to = group.stream().map(Input::at).max(java.util.Comparator.naturalOrder()).orElseThrow().plus(span);
			var stored = store.group(tenant, correlation.id(), first.groupKey(), from, to, LIMIT);
			var newIds = group.stream().map(Input::signInId).collect(Collectors.toSet());
			var window = CorrelationWindows.find(correlation.correlation(), correlation.ruleIds(), stored, newIds);
			if (!window.isEmpty()) {
				found.add(Map.entry(first, window));
			}
		}
		return describe(organization, tenant, found);
	}

	/** The matches of windows where correlations hold, as incidents take them. */
	public List<SignInMatch> describe(OrganizationId organization, ManagedTenantId tenant,
			List<Map.Entry<Input, List<CorrelationWindows.Match>>> found) {
		if (found.isEmpty()) {
			return List.of();
		}
		var ids = found.stream()
			.flatMap(entry -> entry.getValue().stream())
			.map(CorrelationWindows.Match::id)
			.distinct()
			.toList();
		var stored = new HashMap<Long, StoredSignIn>();
		signIns.ingestedRecords(organization, ids).forEach(signIn -> stored.put(signIn.id(), signIn));
		var now = clock.instant();
		var result = new ArrayList<SignInMatch>();
		for (var entry : found) {
			var correlation = entry.getKey().correlation();
			var metadata = correlation.metadata();
			var facts = new LinkedHashMap<String, Object>();
			facts.put("correlation", correlation.correlation().type().sigmaName());
			facts.put("group", entry.getKey().groupKey());
			facts.put("matches", entry.getValue().size());
			facts.put("rules", String.join(", ",
					Set.copyOf(entry.getValue().stream().map(CorrelationWindows.Match::rule).toList())));
			facts.put("timespan", correlation.correlation().timespan().toString());
			for (var match : entry.getValue()) {
				var signIn = stored.get(match.id());
				if (signIn == null) {
					continue;
				}
				var event = matches.event(signIn);
				var account = event.text("userId") != null ? event.text("userId") : "unknown";
				var details = new LinkedHashMap<String, Object>(
						evidence.of(organization, tenant, event, Map.of(match.rule(), true), account, now));
				details.put("pattern", facts);
				result.add(new SignInMatch(metadata.id(), metadata.title(), metadata.severity(), metadata.window(),
						metadata.checklist(), "group=" + entry.getKey().groupKey(), signIn.id(), signIn.graphId(),
						signIn.createdAt(), event.text("userId"), event.text("userPrincipalName"),
						event.text("userDisplayName"), event.text("ipAddress"), details));
			}
		}
		return result;
	}

}
