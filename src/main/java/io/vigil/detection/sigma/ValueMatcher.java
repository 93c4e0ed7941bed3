package io.vigil.detection.sigma;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.jspecify.annotations.Nullable;

/** Tests one scalar of an event field against one rule value. */
@FunctionalInterface
interface ValueMatcher {

	boolean matches(@Nullable Object value, Event event);

	/** {@code null} in a rule: the field is absent or null. */
	static ValueMatcher isNull() {
		return (value, event) -> value == null;
	}

	static ValueMatcher text(WildcardPattern pattern) {
		return (value, event) -> value != null && pattern.matches(Values.text(value));
	}

	/** {@code re}: Sigma regular expressions match anywhere in the value unless anchored. */
	static ValueMatcher regex(Pattern pattern) {
		return (value, event) -> value != null && pattern.matcher(Values.text(value)).find();
	}

	/** {@code cidr}: the value is an address inside the network (IPv4 or IPv6). */
	static ValueMatcher cidr(IPAddress network) {
		return (value, event) -> {
			if (value == null) {
				return false;
			}
			var address = new IPAddressString(Values.text(value)).getAddress();
			return address != null && network.contains(address);
		};
	}

	static ValueMatcher compare(String operator, BigDecimal bound) {
		return (value, event) -> {
			var number = Values.number(value);
			if (number == null) {
				return false;
			}
			var order = number.compareTo(bound);
			return switch (operator) {
				case "lt" -> order < 0;
				case "lte" -> order <= 0;
				case "gt" -> order > 0;
				default -> order >= 0;
			};
		};
	}

	/** {@code fieldref}: equal to the value of another field of the same event. */
	static ValueMatcher fieldReference(FieldAccessor other, boolean cased) {
		return (value, event) -> {
			var reference = other.value(event);
			if (value == null || reference == null) {
				return false;
			}
			var text = Values.text(value);
			if (reference instanceof java.util.List<?> list) {
				return list.stream().anyMatch(item -> equal(text, Values.text(item), cased));
			}
			return equal(text, Values.text(reference), cased);
		};
	}

	private static boolean equal(String a, String b, boolean cased) {
		return cased ? a.equals(b) : a.equalsIgnoreCase(b);
	}

}
