package io.vigil.detection.rules;

import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.sigma.CompiledRule;
import io.vigil.detection.sigma.Requirement;

/** A compiled Sigma rule behind the common rule interface. */
record SigmaDetectionRule(RuleMetadata metadata, CompiledRule compiled) implements DetectionRule {

	@Override
	public boolean matches(SignInEvent event) {
		return compiled.matches(event);
	}

	List<Requirement> requirements() {
		return compiled.requirements();
	}

	@Override
	public Map<String, Boolean> explain(SignInEvent event) {
		return compiled.explain(event);
	}

}
