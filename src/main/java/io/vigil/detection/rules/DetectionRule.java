package io.vigil.detection.rules;

import io.vigil.detection.RuleMetadata;

import java.util.Map;

/**
 * A rule evaluated on every sign-in: Vigil's built-in rules and compiled Sigma rules
 * alike.
 */
public interface DetectionRule {

	RuleMetadata metadata();

	boolean matches(SignInEvent event);

	/**
	 * Which parts of the rule the event satisfied, by name, for evidence and
	 * {@code --explain}.
	 */
	Map<String, Boolean> explain(SignInEvent event);

}
