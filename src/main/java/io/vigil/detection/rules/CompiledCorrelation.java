package io.vigil.detection.rules;

import java.util.ArrayList;
import java.util.List;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.sigma.Event;
import io.vigil.detection.sigma.FieldAccessor;
import io.vigil.detection.sigma.SigmaCorrelation;
import io.vigil.detection.sigma.Values;
import org.jspecify.annotations.Nullable;

/**
 * A correlation ready to run for a tenant: the rules it correlates (by id), and how to
 * read its group-by fields and counted field from a sign-in.
 *
 * @param ruleIds the correlated rules' ids, in the correlation's order
 * @param members the top-level members of a sign-in its fields read; null when not known
 */
public record CompiledCorrelation(SigmaCorrelation correlation, RuleMetadata metadata, List<String> ruleIds,
		List<String> groupNames, List<FieldAccessor> groupBy, @Nullable FieldAccessor valueField,
		java.util.@Nullable Set<String> members) {

	public String id() {
		return metadata.id();
	}

	/** The group a sign-in falls in: {@code field=value} per group-by field. */
	String groupKey(Event event) {
		var parts = new ArrayList<String>();
		for (int i = 0; i < groupBy.size(); i++) {
			parts.add(groupNames.get(i) + "=" + text(groupBy.get(i).value(event)));
		}
		return parts.isEmpty() ? "all" : String.join("|", parts);
	}

	@Nullable String value(Event event) {
		if (valueField == null) {
			return null;
		}
		var value = valueField.value(event);
		return value == null ? null : text(value);
	}

	private static String text(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(CompiledCorrelation::text).toList());
		}
		return value == null ? "" : Values.text(value);
	}

}
