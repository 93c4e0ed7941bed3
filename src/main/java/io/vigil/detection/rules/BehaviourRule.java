package io.vigil.detection.rules;

import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.ingest.SignInFacts;

/**
 * A built-in rule about a pattern across sign-ins (many accounts failing from one
 * address, an account somewhere new), not about one sign-in alone. It looks at an
 * ingested page together with the tenant's stored history, so it holds across page and
 * poll boundaries and across replicas: whatever was committed before counts. It may name
 * sign-ins of earlier pages that the page completes a pattern with; incidents record each
 * sign-in once per rule.
 */
public interface BehaviourRule {

	RuleMetadata metadata();

	List<Hit> evaluate(List<SignInFacts> page, SignInHistory history);

	/**
	 * A sign-in that is part of the pattern.
	 *
	 * @param dedupKey what groups hits into one incident (an address, an account)
	 * @param parts which parts of the rule held, for evidence
	 * @param facts what the pattern looked like (accounts failed, from where, since when)
	 */
	record Hit(long signInId, String dedupKey, Map<String, Boolean> parts, Map<String, Object> facts) {

		public Hit {
			parts = Map.copyOf(parts);
			facts = Map.copyOf(facts);
		}

	}

}
