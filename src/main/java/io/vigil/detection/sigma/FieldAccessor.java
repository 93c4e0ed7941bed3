package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one field of an event: a path into the event, or a derived value. Returns a
 * scalar, a list of scalars (an array, or a path through an array), or null when the
 * field is absent.
 */
@FunctionalInterface
public interface FieldAccessor {

	@Nullable Object value(Event event);

	/**
	 * A path of member names; through arrays it collects the values of every element. An
	 * empty array counts as absent, as in the records Vigil stores (which drop empty
	 * arrays), so both forms of an event match alike.
	 */
	static FieldAccessor path(List<String> segments, @Nullable Object whenAbsent) {
		var names = segments.toArray(String[]::new);
		return event -> {
			var value = descend(event.member(names[0]), names, 1);
			return value == null || value instanceof List<?> list && list.isEmpty() ? whenAbsent : value;
		};
	}

	private static @Nullable Object descend(@Nullable Object node, String[] names, int index) {
		if (node == null || index == names.length) {
			return node;
		}
		if (node instanceof Map<?, ?> map) {
			return descend(map.get(names[index]), names, index + 1);
		}
		if (node instanceof List<?> list) {
			var values = new ArrayList<Object>();
			for (var element : list) {
				var value = descend(element, names, index);
				if (value instanceof List<?> nested) {
					values.addAll(nested);
				}
				else if (value != null) {
					values.add(value);
				}
			}
			return values.isEmpty() ? null : values;
		}
		return null;
	}

}
