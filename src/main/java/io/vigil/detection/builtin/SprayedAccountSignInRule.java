package io.vigil.detection.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.BehaviourRule;
import io.vigil.detection.rules.SignInHistory;
import io.vigil.ingest.SignInFacts;

/**
 * RULE-1202: a successful sign-in from a password spray's source after the spray began:
 * the spray found a password that works. One incident per account.
 */
public record SprayedAccountSignInRule(RuleMetadata metadata, PasswordSprays sprays) implements BehaviourRule {

	public static final String ID = "RULE-1202";

	@Override
	public List<Hit> evaluate(List<SignInFacts> page, SignInHistory history) {
		var hits = new ArrayList<Hit>();
		for (var spray : sprays.find(page, history)) {
			var first = spray.firstFailure();
			var until = spray.lastFailure().plus(PasswordSprays.SPAN);
			for (var signIn : spray.signIns()) {
				if (signIn.succeeded() && !signIn.createdAt().isBefore(first) && !signIn.createdAt().isAfter(until)) {
					var account = signIn.userId() != null ? signIn.userId() : signIn.userPrincipalName();
					hits.add(new Hit(signIn.id(), "account=" + account,
							Map.of("successful", true, "after_spray_from_source", true), spray.facts()));
				}
			}
		}
		return hits;
	}

}
