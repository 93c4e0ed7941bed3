package io.vigil.detection.rules;

import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.sigma.CompiledRule;
import io.vigil.detection.sigma.Requirement;

/** A compiled Sigma rule behind the common rule interface. */
final class SigmaDetectionRule implements DetectionRule {

	private final RuleMetadata metadata;

	private final CompiledRule compiled;

	SigmaDetectionRule(RuleMetadata metadata, CompiledRule compiled) {
		this.metadata = metadata;
		this.compiled = compiled;
	}

	@Override
	public RuleMetadata metadata() {
		return metadata;
	}

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
