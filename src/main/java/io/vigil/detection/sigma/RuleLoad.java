package io.vigil.detection.sigma;

import java.util.Set;

/**
 * What became of a rule: ready to evaluate, unsupported (and why), or waiting for
 * placeholder values.
 */
public sealed interface RuleLoad {

	SigmaRule rule();

	record Ready(SigmaRule rule, CompiledRule compiled) implements RuleLoad {
	}

	/**
	 * The events cannot supply what the rule needs; it is never evaluated, and says why.
	 */
	record Unsupported(SigmaRule rule, String reason) implements RuleLoad {
	}

	/**
	 * The rule uses {@code expand} placeholders that have no values (for this tenant).
	 */
	record NeedsPlaceholders(SigmaRule rule, Set<String> placeholders) implements RuleLoad {
	}

}
