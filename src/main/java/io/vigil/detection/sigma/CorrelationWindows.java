package io.vigil.detection.sigma;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds where a correlation holds among the matches of one group: every time window of
 * the correlation's span in which the count (or the distinct values, or all the rules, in
 * order for {@code temporal_ordered}) meets the condition, and that holds at least one of
 * the new matches. Plain Java: the caller brings the group's matches, from wherever it
 * keeps them.
 */
public final class CorrelationWindows {

	/** A match of a correlated rule: which rule, when, and the counted field's value. */
	public record Match(long id, Instant at, String rule, @Nullable String value) {
	}

	private CorrelationWindows() {
	}

	/**
	 * The matches of every window where the correlation holds and that holds a new match,
	 * oldest first; empty when it holds nowhere.
	 * @param rules the correlated rules, in the correlation's order (ids as matched)
	 */
	public static List<Match> find(SigmaCorrelation correlation, List<String> rules, List<Match> matches,
			Set<Long> newIds) {
		var sorted = new ArrayList<>(matches);
		sorted.sort(Comparator.comparing(Match::at).thenComparing(Match::id));
		var span = correlation.timespan();
		var found = new LinkedHashSet<Match>();
		int start = 0;
		for (int end = 0; end < sorted.size(); end++) {
			while (sorted.get(end).at().isAfter(sorted.get(start).at().plus(span))) {
				start++;
			}
			// every window ending here, from the widest to the narrowest, for conditions
			// with an upper bound (a narrower window may hold where the widest does not)
			for (int from = start; from <= end; from++) {
				var window = sorted.subList(from, end + 1);
				if (window.stream().noneMatch(match -> newIds.contains(match.id()))) {
					// narrower windows hold fewer still
					break;
				}
				if (holds(correlation, rules, window)) {
					found.addAll(window);
					break;
				}
				if (correlation.condition() == null || correlation.condition().atMost() == Long.MAX_VALUE) {
					// without an upper bound, a narrower window holds less: none will
					// hold
					break;
				}
			}
		}
		var result = new ArrayList<>(found);
		result.sort(Comparator.comparing(Match::at).thenComparing(Match::id));
		return result;
	}

	static boolean holds(SigmaCorrelation correlation, List<String> rules, List<Match> window) {
		return switch (correlation.type()) {
			case EVENT_COUNT -> correlation.condition().holds(window.size());
			case VALUE_COUNT -> correlation.condition()
				.holds(window.stream().map(Match::value).filter(java.util.Objects::nonNull).distinct().count());
			case TEMPORAL -> window.stream().map(Match::rule).distinct().count() >= rules.size()
					&& window.stream().map(Match::rule).collect(java.util.stream.Collectors.toSet()).containsAll(rules);
			case TEMPORAL_ORDERED -> inOrder(rules, window);
		};
	}

	/** Whether the rules matched one after another, in the correlation's order. */
	private static boolean inOrder(List<String> rules, List<Match> window) {
		Map<String, Integer> position = new HashMap<>();
		for (int i = 0; i < rules.size(); i++) {
			position.putIfAbsent(rules.get(i), i);
		}
		var next = 0;
		Instant last = null;
		for (var match : window) {
			if (next < rules.size() && match.rule().equals(rules.get(next))
					&& (last == null || match.at().isAfter(last))) {
				last = match.at();
				next++;
			}
		}
		return next == rules.size();
	}

}
