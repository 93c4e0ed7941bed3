package io.vigil.detection.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.SignInFacts;

/**
 * RULE-1201: a password spray, many accounts failing from one address or hosting network.
 * Each failing sign-in of the spray is evidence of one incident per source.
 */
public record PasswordSprayRule(RuleMetadata metadata, PasswordSprays sprays) implements BehaviourRule {

	public static final String ID = "RULE-1201";

	@Override
	public List<Hit> evaluate(List<SignInFacts> page, SignInHistory history) {
		var hits = new ArrayList<Hit>();
		for (var spray : sprays.find(page, history)) {
			for (var signIn : spray.signIns()) {
				if (PasswordSprays.Spray.failure(signIn)) {
					hits.add(new Hit(signIn.id(), "source=" + spray.source(),
							Map.of("password_failed", true, "many_accounts_from_source", true), spray.facts()));
				}
			}
		}
		return hits;
	}

}
