package io.vigil.detection.rules;

import io.vigil.detection.RuleStatus;
import io.vigil.shared.MemberSelection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The rules that run for one tenant, and the status of every rule (ready, unsupported,
 * waiting for values).
 */
public final class RuleBook {

	private final DetectionRule[] rules;

	private final List<RuleStatus> statuses;

	private final RuleIndex index;

	private final Map<EventSource, List<SigmaDetectionRule>> activityRules;

	private final List<BehaviourRule> behaviours;

	private final List<CompiledCorrelation> correlations;

	private final MemberSelection members;

	RuleBook(List<DetectionRule> rules, List<RuleStatus> statuses) {
		this(rules, Map.of(), List.of(), List.of(), statuses);
	}

	/**
	 * @param rules the rules that read sign-ins
	 * @param activityRules the Sigma rules that read directory audits or risk detections
	 */
	RuleBook(List<DetectionRule> rules, Map<EventSource, List<SigmaDetectionRule>> activityRules,
			List<BehaviourRule> behaviours, List<CompiledCorrelation> correlations, List<RuleStatus> statuses) {
		this.correlations = List.copyOf(correlations);
		this.activityRules = Map.copyOf(activityRules);
		this.behaviours = List.copyOf(behaviours);
		this.rules = rules.toArray(DetectionRule[]::new);
		this.statuses = List.copyOf(statuses);
		this.index = new RuleIndex(this.rules);
		this.members = members(this.rules, this.correlations);
	}

	/**
	 * The top-level members of a sign-in the book's rules read: the Sigma rules' fields,
	 * the correlations' and what the built-in rules and evidence read
	 * ({@link SignInEvent#MEMBERS}).
	 */
	public MemberSelection members() {
		return members;
	}

	private static MemberSelection members(DetectionRule[] rules, List<CompiledCorrelation> correlations) {
		var names = new HashSet<String>();
		for (var rule : rules) {
			if (rule instanceof SigmaDetectionRule sigma) {
				var read = sigma.compiled().members();
				if (read == null) {
					return MemberSelection.ALL;
				}
				names.addAll(read);
			}
		}
		for (var correlation : correlations) {
			if (correlation.members() == null) {
				return MemberSelection.ALL;
			}
			names.addAll(correlation.members());
		}
		return SignInEvent.MEMBERS.with(MemberSelection.of(names));
	}

	/** The rules that read sign-ins. */
	public List<DetectionRule> rules() {
		return List.of(rules);
	}

	/** The same book without the rules switched off, with their statuses as given. */
	public RuleBook without(java.util.Set<String> switchedOff, List<RuleStatus> newStatuses) {
		var signIns = java.util.Arrays.stream(rules)
			.filter(rule -> !switchedOff.contains(rule.metadata().id()))
			.toList();
		var others = new java.util.EnumMap<EventSource, List<SigmaDetectionRule>>(EventSource.class);
		activityRules.forEach((source, list) -> others.put(source,
				list.stream().filter(rule -> !switchedOff.contains(rule.metadata().id())).toList()));
		return new RuleBook(signIns, others,
				behaviours.stream().filter(rule -> !switchedOff.contains(rule.metadata().id())).toList(),
				correlations.stream().filter(rule -> !switchedOff.contains(rule.id())).toList(), newStatuses);
	}

	/**
	 * Where a sign-in a rule matched counts for the correlations naming that rule: the
	 * correlation, the group the sign-in falls in, the counted value.
	 */
	public List<CorrelationKey> correlationKeys(String ruleId, SignInEvent event) {
		List<CorrelationKey> keys = List.of();
		for (var correlation : correlations) {
			if (correlation.ruleIds().contains(ruleId)) {
				if (keys.isEmpty()) {
					keys = new ArrayList<>(2);
				}
				keys.add(new CorrelationKey(correlation, correlation.groupKey(event), correlation.value(event)));
			}
		}
		return keys;
	}

	public record CorrelationKey(CompiledCorrelation correlation, String groupKey,
			@org.jspecify.annotations.Nullable String value) {
	}

	/** The Sigma correlation rules that run. */
	public List<CompiledCorrelation> correlations() {
		return correlations;
	}

	/**
	 * Whether the rule's own matches are kept quiet: it is correlated, and no correlation
	 * naming it asks to {@code generate} them.
	 */
	public boolean silent(String ruleId) {
		var correlating = correlations.stream().filter(c -> c.ruleIds().contains(ruleId)).toList();
		return !correlating.isEmpty() && correlating.stream().noneMatch(c -> c.correlation().generate());
	}

	/** The rules about patterns across sign-ins (password spray...). */
	public List<BehaviourRule> behaviours() {
		return behaviours;
	}

	/** Every rule that runs, of every source: sign-ins first. */
	public List<DetectionRule> allRules() {
		var all = new ArrayList<DetectionRule>(List.of(rules));
		for (var source : EventSource.values()) {
			if (source != EventSource.SIGN_INS) {
				all.addAll(activityRules.getOrDefault(source, List.of()));
			}
		}
		return all;
	}

	/** The rules that read directory audits or risk detections. */
	public List<DetectionRule> rules(EventSource source) {
		return source == EventSource.SIGN_INS ? rules() : List.copyOf(activityRules.getOrDefault(source, List.of()));
	}

	public List<RuleStatus> statuses() {
		return statuses;
	}

	/** Every rule the sign-in matches, in rule order. */
	public List<RuleMatch> evaluate(SignInEvent event) {
		List<RuleMatch> matches = List.of();
		var candidates = index.candidates(event);
		for (int i = 0; i < rules.length; i++) {
			var rule = rules[i];
			if (candidates[i] && rule.matches(event)) {
				if (matches.isEmpty()) {
					matches = new ArrayList<>(2);
				}
				matches.add(new RuleMatch(rule, event));
			}
		}
		return matches;
	}

}
