package io.vigil.detection.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A rule compiled once against a field mapping (and placeholder values); matching
 * allocates nothing of its own.
 */
public final class CompiledRule {

	private final SigmaRule rule;

	private final List<String> names;

	private final List<Predicate<Event>> searches;

	private final Condition condition;

	private final List<List<Requirement>> searchRequirements;

	private final java.util.@Nullable Set<String> members;

	CompiledRule(SigmaRule rule, List<String> names, List<Predicate<Event>> searches, Condition condition,
			List<List<Requirement>> searchRequirements, java.util.@Nullable Set<String> members) {
		this.members = members;
		this.rule = rule;
		this.names = List.copyOf(names);
		this.searches = List.copyOf(searches);
		this.condition = condition;
		this.searchRequirements = searchRequirements.stream().map(List::copyOf).toList();
	}

	/**
	 * Conditions the rule cannot match without (any one of them is enough to index the
	 * rule by): those of the searches its condition ANDs at the top. Empty when the rule
	 * has none, e.g. {@code not filter} or {@code 1 of selection_*}.
	 */
	public List<Requirement> requirements() {
		return requirements(condition);
	}

	private List<Requirement> requirements(Condition node) {
		return switch (node) {
			case Condition.Search search -> searchRequirements.get(search.index());
			case Condition.And and ->
				and.operands().stream().flatMap(operand -> requirements(operand).stream()).toList();
			case Condition.Or or -> or.operands().size() == 1 ? requirements(or.operands().getFirst()) : List.of();
			case Condition.Not not -> List.of();
		};
	}

	/**
	 * The top-level members of an event the rule reads; null when it may read any
	 * (keywords search every text).
	 */
	public java.util.@Nullable Set<String> members() {
		return members;
	}

	public SigmaRule rule() {
		return rule;
	}

	public boolean matches(Event event) {
		return condition.test(event, searches);
	}

	/** Which searches matched the event, for {@code --explain} and evidence. */
	public Map<String, Boolean> explain(Event event) {
		var result = new LinkedHashMap<String, Boolean>();
		for (int i = 0; i < names.size(); i++) {
			result.put(names.get(i), searches.get(i).test(event));
		}
		return result;
	}

}
