package io.vigil.detection.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Sigma correlation rule (specification: "Sigma Correlation Rules"): matches of other
 * rules, grouped by field values, counted or ordered within a time span.
 *
 * @param rules the correlated rules, by id or name, in the order given
 * @param groupBy the fields whose values group the matches (none: one group)
 * @param field the field whose distinct values {@code value_count} counts
 * @param generate whether the correlated rules still raise their own matches
 * @param line where the correlation starts, for errors found later (a rule it names that
 * does not exist)
 */
public record SigmaCorrelation(String source, int line, @Nullable String id, @Nullable String name, String title,
		@Nullable String level, Type type, List<String> rules, List<String> groupBy, Duration timespan,
		@Nullable Condition condition, @Nullable String field, boolean generate,
		Map<String, @Nullable Object> attributes) {

	public SigmaCorrelation {
		rules = List.copyOf(rules);
		groupBy = List.copyOf(groupBy);
	}

	public enum Type {

		EVENT_COUNT("event_count"), VALUE_COUNT("value_count"), TEMPORAL("temporal"),
		TEMPORAL_ORDERED("temporal_ordered");

		private final String sigmaName;

		Type(String sigmaName) {
			this.sigmaName = sigmaName;
		}

		public String sigmaName() {
			return sigmaName;
		}

		static @Nullable Type of(String name) {
			for (var type : values()) {
				if (type.sigmaName.equals(name)) {
					return type;
				}
			}
			return null;
		}

	}

	/**
	 * The count a group must reach: {@code gt}, {@code gte}, or both bounds of a range
	 * ({@code gte} with {@code lte}), as the specification writes them.
	 */
	public record Condition(long atLeast, long atMost) {

		public boolean holds(long count) {
			return count >= atLeast && count <= atMost;
		}

	}

}
