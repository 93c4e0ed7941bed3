package io.vigil.detection.rules;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.detection.sigma.RuleLoad;
import io.vigil.detection.sigma.SigmaCompiler;
import io.vigil.detection.sigma.SigmaRule;

/**
 * A parsed Sigma rule and its metadata, compiled per tenant (placeholder values differ
 * between tenants).
 */
record SigmaRuleDefinition(SigmaRule rule, RuleMetadata metadata) {

	/** The log the rule reads, by its {@code logsource.service}. */
	EventSource source() {
		return EventSource.of(rule.logSource());
	}

	RuleLoad compile(SigmaCompiler compiler, Placeholders placeholders) {
		return compiler.compile(rule, placeholders);
	}

}
