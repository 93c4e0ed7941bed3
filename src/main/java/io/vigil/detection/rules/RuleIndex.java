package io.vigil.detection.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.detection.sigma.FieldAccessor;
import io.vigil.detection.sigma.Requirement;

/**
 * Which rules an event can match at all. A Sigma rule that cannot match unless a field
 * equals one of some values is filed under those values; an event reads each indexed
 * field once and is evaluated only against the rules filed under its values, plus the
 * rules without such a requirement. The result is exactly the same as evaluating every
 * rule, only cheaper with many rules.
 */
final class RuleIndex {

	/** Values most sign-ins have: indexing by them would not narrow anything down. */
	private static final Set<String> COMMON = Set.of("0", "success", "failure", "true", "false", "none", "",
			"notapplied", "singlefactorauthentication", "multifactorauthentication", "browser",
			"mobile apps and desktop clients", "interactiveuser", "noninteractiveuser", "sign-ins", "[]");

	private final boolean[] alwaysEvaluated;

	private final FieldAccessor[] fields;

	private final List<Map<String, int[]>> rulesByValue;

	private final FieldAccessor[] addressFields;

	private final FieldAccessor[] textFields;

	private final TrigramIndex[] rulesByText;

	private final NetworkIndex[] rulesByNetwork;

	RuleIndex(DetectionRule[] rules) {
		alwaysEvaluated = new boolean[rules.length];
		var byField = new IdentityHashMap<FieldAccessor, Map<String, List<Integer>>>();
		var byNetwork = new IdentityHashMap<FieldAccessor, NetworkIndex>();
		var byText = new IdentityHashMap<FieldAccessor, TrigramIndex>();
		for (int i = 0; i < rules.length; i++) {
			var requirement = rules[i] instanceof SigmaDetectionRule sigma ? best(sigma.requirements()) : null;
			switch (requirement) {
				case null -> alwaysEvaluated[i] = true;
				case Requirement.Equals equals -> {
					var values = byField.computeIfAbsent(equals.accessor(), field -> new HashMap<>());
					for (var value : equals.values()) {
						values.computeIfAbsent(value, key -> new ArrayList<>()).add(i);
					}
				}
				case Requirement.InNetwork inNetwork -> {
					var networks = byNetwork.computeIfAbsent(inNetwork.accessor(), field -> new NetworkIndex());
					for (var network : inNetwork.networks()) {
						networks.add(network, i);
					}
				}
				case Requirement.Contains contains -> {
					var texts = byText.computeIfAbsent(contains.accessor(), field -> new TrigramIndex());
					for (var literal : contains.literals()) {
						texts.add(literal, i);
					}
				}
			}
		}
		textFields = byText.keySet().toArray(FieldAccessor[]::new);
		rulesByText = byText.values().toArray(TrigramIndex[]::new);
		addressFields = byNetwork.keySet().toArray(FieldAccessor[]::new);
		rulesByNetwork = byNetwork.values().toArray(NetworkIndex[]::new);
		fields = byField.keySet().toArray(FieldAccessor[]::new);
		rulesByValue = new ArrayList<>();
		for (var field : fields) {
			var compact = new HashMap<String, int[]>();
			byField.get(field)
				.forEach(
						(value, indexes) -> compact.put(value, indexes.stream().mapToInt(Integer::intValue).toArray()));
			rulesByValue.add(compact);
		}
	}

	/** The rules to evaluate for the event, as flags by rule position. */
	boolean[] candidates(SignInEvent event) {
		var candidates = alwaysEvaluated.clone();
		for (int f = 0; f < fields.length; f++) {
			var value = fields[f].value(event);
			if (value instanceof List<?> list) {
				for (var element : list) {
					mark(candidates, rulesByValue.get(f), element, event);
				}
			}
			else {
				mark(candidates, rulesByValue.get(f), value, event);
			}
		}
		for (int f = 0; f < textFields.length; f++) {
			var value = textFields[f].value(event);
			if (value instanceof List<?> list) {
				for (var element : list) {
					markTexts(candidates, rulesByText[f], element, event);
				}
			}
			else {
				markTexts(candidates, rulesByText[f], value, event);
			}
		}
		for (int f = 0; f < addressFields.length; f++) {
			var value = addressFields[f].value(event);
			if (value instanceof List<?> list) {
				for (var element : list) {
					markNetworks(candidates, rulesByNetwork[f], element, event);
				}
			}
			else {
				markNetworks(candidates, rulesByNetwork[f], value, event);
			}
		}
		return candidates;
	}

	private static void markTexts(boolean[] candidates, TrigramIndex texts, Object value, SignInEvent event) {
		if (value != null) {
			texts.mark(event.cache().fold(event.cache().text(value)), candidates);
		}
	}

	private static void markNetworks(boolean[] candidates, NetworkIndex networks, Object value, SignInEvent event) {
		if (value != null) {
			networks.mark(event.cache().address(event.cache().text(value)), candidates);
		}
	}

	private static void mark(boolean[] candidates, Map<String, int[]> rules, Object value, SignInEvent event) {
		if (value == null) {
			return;
		}
		var indexes = rules.get(event.cache().fold(event.cache().text(value)));
		if (indexes != null) {
			for (var index : indexes) {
				candidates[index] = true;
			}
		}
	}

	/**
	 * The most selective requirement: a network or values most sign-ins do not have, then
	 * texts to contain, then values many sign-ins have; among equals the fewest values.
	 */
	private static Requirement best(List<Requirement> requirements) {
		return requirements.stream()
			.min(Comparator.comparingLong(RuleIndex::commonness).thenComparingInt(RuleIndex::size))
			.orElse(null);
	}

	private static long commonness(Requirement requirement) {
		return switch (requirement) {
			case Requirement.Equals equals -> equals.values().stream().filter(COMMON::contains).count();
			case Requirement.InNetwork inNetwork -> 0;
			case Requirement.Contains contains -> 0;
		} * 10 + (requirement instanceof Requirement.Contains ? 1 : 0);
	}

	private static int size(Requirement requirement) {
		return switch (requirement) {
			case Requirement.Equals equals -> equals.values().size();
			case Requirement.InNetwork inNetwork -> inNetwork.networks().size();
			case Requirement.Contains contains -> contains.literals().size();
		};
	}

}
