package io.vigil.detection;

import java.util.ArrayList;
import java.util.List;

/** The rules that run for one tenant, and the status of every rule (ready, unsupported, waiting for values). */
public final class RuleBook {

	private final DetectionRule[] rules;

	private final List<RuleStatus> statuses;

	RuleBook(List<DetectionRule> rules, List<RuleStatus> statuses) {
		this.rules = rules.toArray(DetectionRule[]::new);
		this.statuses = List.copyOf(statuses);
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
		for (var rule : rules) {
			if (rule.matches(event)) {
				if (matches.isEmpty()) {
					matches = new ArrayList<>(2);
				}
				matches.add(new RuleMatch(rule, event));
			}
		}
		return matches;
	}

}
