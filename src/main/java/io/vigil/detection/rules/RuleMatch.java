package io.vigil.detection.rules;

import io.vigil.detection.RuleMetadata;

/** A rule matched a sign-in. */
public record RuleMatch(DetectionRule rule, SignInEvent event) {

	public RuleMetadata metadata() {
		return rule.metadata();
	}

}
