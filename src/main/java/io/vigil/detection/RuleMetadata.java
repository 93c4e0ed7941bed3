package io.vigil.detection;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an analyst needs to know about a rule, the same for built-in and Sigma rules.
 *
 * @param tactics MITRE ATT&CK tactics (from {@code attack.<tactic>} tags)
 * @param techniques MITRE ATT&CK technique ids (from {@code attack.tNNNN} tags), upper
 * case
 * @param dedup what joins matches into one incident, with tenant and rule
 * @param window how long an incident stays open to later matches
 * @param attribution where the rule comes from when it follows someone else's (licence,
 * link)
 * @param matchingEvents sign-in records the rule must match (its own tests)
 * @param otherEvents sign-in records the rule must not match
 */
public record RuleMetadata(String id, String title, Origin origin, Severity severity, @Nullable String status,
		List<String> tactics, List<String> techniques, @Nullable String description, @Nullable String triage,
		List<String> falsePositives, List<ChecklistStep> checklist, List<DedupField> dedup, Duration window,
		List<String> references, @Nullable String author, @Nullable String attribution,
		List<Map<String, Object>> matchingEvents, List<Map<String, Object>> otherEvents) {

	public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

	public RuleMetadata {
		tactics = List.copyOf(tactics);
		techniques = List.copyOf(techniques);
		falsePositives = List.copyOf(falsePositives);
		checklist = List.copyOf(checklist);
		dedup = List.copyOf(dedup);
		references = List.copyOf(references);
		matchingEvents = List.copyOf(matchingEvents);
		otherEvents = List.copyOf(otherEvents);
	}

	public enum Origin {

		BUILT_IN, SIGMA

	}

}
