package io.vigil.detection.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds rules and events for the engine's unit tests, with the mapping Vigil ships for
 * Graph sign-ins.
 */
final class SigmaTesting {

	static final FieldMapping MAPPING = FieldMapping
		.load(SigmaTesting.class.getResourceAsStream("/sigma/graph-signin-fields.yml"));

	private SigmaTesting() {
	}

	/** A rule around a detection section written as YAML, indented by two spaces. */
	static String ruleYaml(String detection) {
		return """
				title: Test rule
				id: 00000000-0000-0000-0000-000000000001
				logsource:
				  product: azure
				  service: signinlogs
				detection:
				""" + detection.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
	}

	static RuleLoad load(String detection, Placeholders placeholders) {
		var rule = new SigmaRuleParser().parse("test.yml", ruleYaml(detection)).getFirst();
		return new SigmaCompiler(MAPPING).compile(rule, placeholders);
	}

	static CompiledRule compile(String detection) {
		var load = load(detection, Placeholders.NONE);
		if (!(load instanceof RuleLoad.Ready ready)) {
			throw new AssertionError("not ready: " + load);
		}
		return ready.compiled();
	}

	/**
	 * An event from dotted keys and values:
	 * {@code event("status.errorCode", 0, "userAgent", "x")}.
	 */
	static Event event(Object... keysAndValues) {
		return new MapEvent(tree(keysAndValues));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> tree(Object... keysAndValues) {
		var root = new LinkedHashMap<String, Object>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			var path = ((String) keysAndValues[i]).split("\\.");
			Map<String, Object> node = root;
			for (int p = 0; p < path.length - 1; p++) {
				node = (Map<String, Object>) node.computeIfAbsent(path[p], key -> new LinkedHashMap<String, Object>());
			}
			node.put(path[path.length - 1], keysAndValues[i + 1]);
		}
		return root;
	}

	static List<Object> list(Object... values) {
		return java.util.Arrays.asList(values);
	}

}
