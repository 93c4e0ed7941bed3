package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.vigil.detection.sigma.SigmaRule.FieldCondition;
import io.vigil.detection.sigma.SigmaRule.FieldGroups;
import io.vigil.detection.sigma.SigmaRule.Keywords;
import org.jspecify.annotations.Nullable;

/**
 * Compiles parsed rules against a field mapping. Errors in the rule (an unknown modifier,
 * a bad regex, a condition naming a missing search) throw {@link SigmaException}; a field
 * the mapping cannot supply makes the rule {@link RuleLoad.Unsupported}, never silently
 * never-matching.
 */
public final class SigmaCompiler {

	private final FieldMapping mapping;

	public SigmaCompiler(FieldMapping mapping) {
		this.mapping = mapping;
	}

	/** The field mapping rules compile against. */
	public FieldMapping mapping() {
		return mapping;
	}

	public RuleLoad compile(SigmaRule rule, Placeholders placeholders) {
		var unsupported = new LinkedHashSet<String>();
		var missing = new LinkedHashSet<String>();
		var context = new Context(placeholders, unsupported, missing);
		var names = new ArrayList<>(rule.searches().keySet());
		var searches = new ArrayList<Predicate<Event>>();
		var requirements = new ArrayList<List<Requirement>>();
		for (var search : rule.searches().values()) {
			var required = new ArrayList<Requirement>();
			searches.add(switch (search) {
				case Keywords keywords -> {
					context.readsEverything();
					yield new ModifierChain(rule.source(),
							new FieldCondition("", keywords.modifiers(), keywords.values(), keywords.line()), context)
						.compile(null, true);
				}
				case FieldGroups groups -> groups(rule.source(), groups, context, required);
			});
			requirements.add(required);
		}
		var conditions = new ArrayList<Condition>();
		for (var condition : rule.conditions()) {
			conditions.add(ConditionParser.parse(rule.source(), condition.line(), condition.value(), names));
		}
		if (!unsupported.isEmpty()) {
			return new RuleLoad.Unsupported(rule,
					(unsupported.size() == 1 ? "field " : "fields ")
							+ String.join(", ", unsupported.stream().map(f -> "'" + f + "'").toList())
							+ " cannot be supplied from " + mapping.records());
		}
		if (!missing.isEmpty()) {
			return new RuleLoad.NeedsPlaceholders(rule, Set.copyOf(missing));
		}
		var condition = conditions.size() == 1 ? conditions.getFirst() : new Condition.Or(conditions);
		return new RuleLoad.Ready(rule,
				new CompiledRule(rule, names, searches, condition, requirements, context.members()));
	}

	/**
	 * @param required receives what the search cannot match without (only for a single
	 * group: ORed groups have none)
	 */
	private Predicate<Event> groups(String source, FieldGroups groups, Context context, List<Requirement> required) {
		var alternatives = new ArrayList<Predicate<Event>>();
		for (var group : groups.groups()) {
			var all = new ArrayList<Predicate<Event>>();
			for (var condition : group) {
				var keyword = condition.field().isEmpty();
				if (keyword) {
					context.readsEverything();
				}
				var accessor = keyword ? null : context.field(condition.field(), condition.line());
				var predicate = new ModifierChain(source, condition, context).compile(accessor, keyword);
				if (groups.groups().size() == 1 && predicate instanceof FieldMatcher matcher) {
					matcher.requirement().ifPresent(required::add);
				}
				all.add(predicate);
			}
			alternatives.add(allOf(all));
		}
		return alternatives.size() == 1 ? alternatives.getFirst() : anyOf(alternatives);
	}

	private static Predicate<Event> allOf(List<Predicate<Event>> predicates) {
		return event -> {
			for (var predicate : predicates) {
				if (!predicate.test(event)) {
					return false;
				}
			}
			return true;
		};
	}

	private static Predicate<Event> anyOf(List<Predicate<Event>> predicates) {
		return event -> {
			for (var predicate : predicates) {
				if (predicate.test(event)) {
					return true;
				}
			}
			return false;
		};
	}

	private final class Context implements ModifierChain.CompileContext {

		private final Placeholders placeholders;

		private final Set<String> unsupported;

		private final Set<String> missing;

		Context(Placeholders placeholders, Set<String> unsupported, Set<String> missing) {
			this.placeholders = placeholders;
			this.unsupported = unsupported;
			this.missing = missing;
		}

		/** The top-level members the rule's fields read; null once one reads them all. */
		private @Nullable Set<String> members = new java.util.HashSet<>();

		/** A search of every text (keywords) reads every member. */
		void readsEverything() {
			members = null;
		}

		@Nullable Set<String> members() {
			return members == null ? null : Set.copyOf(members);
		}

		@Override
		public FieldAccessor field(String name, int line) {
			var read = mapping.members(name);
			if (read == null) {
				members = null;
			}
			else if (members != null) {
				members.addAll(read);
			}
			return mapping.resolve(name).orElseGet(() -> {
				unsupported.add(name);
				return event -> null;
			});
		}

		@Override
		public @Nullable List<String> placeholder(String name) {
			var values = placeholders.values(name);
			if (values == null) {
				missing.add(name);
			}
			return values;
		}

	}

}
