package io.vigil.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules that run for one tenant, and the status of every rule (ready, unsupported,
 * waiting for values).
 */
public final class RuleBook {

	private final DetectionRule[] rules;

	private final List<RuleStatus> statuses;

	private final RuleIndex index;

	RuleBook(List<DetectionRule> rules, List<RuleStatus> statuses) {
		this.rules = rules.toArray(DetectionRule[]::new);
		this.statuses = List.copyOf(statuses);
		this.index = new RuleIndex(this.rules);
	}

	public List<DetectionRule> rules() {
		return List.of(rules);
	}

	public List<RuleStatus> statuses() {
		return statuses;
	}

	/** Every rule the sign-in matches, in rule order. */
	public List<RuleMatch> evaluate(SignInEvent event) {
		List<RuleMatch> matches = List.of();
		var candidates = index.candidates(event);
		for (int i = 0; i < rules.length; i++) {
			var rule = rules[i];
			if (candidates[i] && rule.matches(event)) {
				if (matches.isEmpty()) {
					matches = new ArrayList<>(2);
				}
				matches.add(new RuleMatch(rule, event));
			}
		}
		return matches;
	}

}
