package io.vigil.detection.sigma;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code field|modifiers: values} condition, compiled. A list of values is ORed ({@code all}: ANDed); a field
 * with several values (an array) matches a value when any element does. {@code neq} inverts the result for a
 * present field; {@code exists} only tests presence.
 */
final class FieldMatcher {

	private final FieldAccessor accessor;

	private final List<ValueMatcher> values;

	private final boolean all;

	private final boolean negated;

	private final @Nullable Boolean exists;

	FieldMatcher(FieldAccessor accessor, List<ValueMatcher> values, boolean all, boolean negated,
			@Nullable Boolean exists) {
		this.accessor = accessor;
		this.values = List.copyOf(values);
		this.all = all;
		this.negated = negated;
		this.exists = exists;
	}

	boolean matches(Event event) {
		var value = accessor.value(event);
		if (exists != null) {
			return exists == (value != null);
		}
		if (negated) {
			return value != null && !any(value, event);
		}
		if (all) {
			for (var matcher : values) {
				if (!matchesValue(matcher, value, event)) {
					return false;
				}
			}
			return true;
		}
		return any(value, event);
	}

	private boolean any(@Nullable Object value, Event event) {
		for (var matcher : values) {
			if (matchesValue(matcher, value, event)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matchesValue(ValueMatcher matcher, @Nullable Object value, Event event) {
		if (value instanceof List<?> list) {
			for (var element : list) {
				if (matcher.matches(element, event)) {
					return true;
				}
			}
			return false;
		}
		return matcher.matches(value, event);
	}

}
