package io.vigil.detection.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A rule compiled once against a field mapping (and placeholder values); matching allocates nothing of its own. */
public final class CompiledRule {

	private final SigmaRule rule;

	private final List<String> names;

	private final List<Predicate<Event>> searches;

	private final Condition condition;

	CompiledRule(SigmaRule rule, List<String> names, List<Predicate<Event>> searches, Condition condition) {
		this.rule = rule;
		this.names = List.copyOf(names);
		this.searches = List.copyOf(searches);
		this.condition = condition;
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
