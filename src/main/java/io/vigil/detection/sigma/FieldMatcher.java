package io.vigil.detection.sigma;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One {@code field|modifiers: values} condition, compiled. A list of values is ORed
 * ({@code all}: ANDed); a field with several values (an array) matches a value when any
 * element does. {@code neq} inverts the result for a present field; {@code exists} only
 * tests presence.
 */
final class FieldMatcher implements Predicate<Event> {

	private final String field;

	private final FieldAccessor accessor;

	private final List<ValueMatcher> values;

	private final boolean all;

	private final boolean negated;

	private final @Nullable Boolean exists;

	FieldMatcher(String field, FieldAccessor accessor, List<ValueMatcher> values, boolean all, boolean negated,
			@Nullable Boolean exists) {
		this.field = field;
		this.accessor = accessor;
		this.values = List.copyOf(values);
		this.all = all;
		this.negated = negated;
		this.exists = exists;
	}

	@Override
	public boolean test(Event event) {
		return matches(event);
	}

	/**
	 * When every value is an exact case-insensitive text, the field must equal one of
	 * them.
	 */
	Optional<Requirement> requirement() {
		if (negated || all || exists != null || values.isEmpty()) {
			return Optional.empty();
		}
		if (values.stream().allMatch(value -> value instanceof ValueMatcher.Cidr)) {
			return Optional.of(new Requirement.InNetwork(field, accessor,
					values.stream().map(value -> ((ValueMatcher.Cidr) value).network()).toList()));
		}
		var exact = new HashSet<String>();
		for (var value : values) {
			if (!(value instanceof ValueMatcher.Text text) || text.pattern().exactFolded() == null) {
				return contains();
			}
			exact.add(text.pattern().exactFolded());
		}
		return Optional.of(new Requirement.Equals(field, accessor, exact));
	}

	/** Every value needs a text of three characters or more in the field. */
	private Optional<Requirement> contains() {
		var literals = new HashSet<String>();
		for (var value : values) {
			var literal = switch (value) {
				case ValueMatcher.Text text -> text.pattern().requiredFolded();
				case ValueMatcher.Regex regex -> regex.requiredFolded();
				default -> null;
			};
			// ASCII only: lower-casing a part of a text then equals the same part of the
			// lower-cased text
			if (literal == null || literal.length() < 3 || !literal.chars().allMatch(c -> c < 128)) {
				return Optional.empty();
			}
			literals.add(literal);
		}
		return Optional.of(new Requirement.Contains(field, accessor, literals));
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
