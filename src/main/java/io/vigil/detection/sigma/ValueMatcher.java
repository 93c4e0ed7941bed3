package io.vigil.detection.sigma;

import java.math.BigDecimal;
import com.google.re2j.Pattern;

import inet.ipaddr.IPAddress;
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
		return new Text(pattern);
	}

	/** A text (wildcard) value; kept as a type so rule sets can index exact values. */
	record Text(WildcardPattern pattern) implements ValueMatcher {

		@Override
		public boolean matches(@Nullable Object value, Event event) {
			return value != null && pattern.matches(event.cache().text(value), event);
		}

	}

	/**
	 * {@code re}: Sigma regular expressions match anywhere in the value unless anchored.
	 */
	static ValueMatcher regex(Pattern pattern) {
		// "^..." without alternation or multiline can only match at the start:
		// lookingAt() spares trying every offset
		boolean anchored = pattern.pattern().startsWith("^") && pattern.pattern().indexOf('|') < 0
				&& (pattern.flags() & Pattern.MULTILINE) == 0;
		return new Regex(pattern, anchored, ThreadLocal.withInitial(() -> pattern.matcher("")));
	}

	/**
	 * A regular expression; a matcher per thread, reset per value, so matching allocates
	 * nothing.
	 */
	record Regex(Pattern pattern, boolean anchored,
			ThreadLocal<com.google.re2j.Matcher> matchers) implements ValueMatcher {

		@Override
		public boolean matches(@Nullable Object value, Event event) {
			if (value == null) {
				return false;
			}
			var matcher = matchers.get().reset(event.cache().text(value));
			return anchored ? matcher.lookingAt() : matcher.find();
		}

		/**
		 * The plain text an anchored expression starts with ({@code ^abc...}), lower
		 * case, or null.
		 */
		@Nullable String requiredFolded() {
			if (!anchored) {
				return null;
			}
			var text = pattern.pattern();
			int end = 1;
			while (end < text.length()
					&& (Character.isLetterOrDigit(text.charAt(end)) || "-_/ :;,=@".indexOf(text.charAt(end)) >= 0)) {
				end++;
			}
			// a quantifier after the last literal character makes that character optional
			if (end < text.length() && "?*{".indexOf(text.charAt(end)) >= 0) {
				end--;
			}
			return end - 1 >= 3 ? text.substring(1, end).toLowerCase(java.util.Locale.ROOT) : null;
		}

	}

	/** {@code cidr}: the value is an address inside the network (IPv4 or IPv6). */
	static ValueMatcher cidr(IPAddress network) {
		return new Cidr(network.toPrefixBlock());
	}

	/** A network; kept as a type so rule sets can index networks. */
	record Cidr(IPAddress network, int mask, int base) implements ValueMatcher {

		Cidr(IPAddress network) {
			this(network, ipv4Mask(network), network.isIPv4() ? network.toIPv4().intValue() & ipv4Mask(network) : 0);
		}

		private static int ipv4Mask(IPAddress network) {
			if (!network.isIPv4()) {
				return 0;
			}
			int prefix = network.getNetworkPrefixLength() == null ? 32 : network.getNetworkPrefixLength();
			return prefix == 0 ? 0 : -1 << (32 - prefix);
		}

		@Override
		public boolean matches(@Nullable Object value, Event event) {
			var address = value == null ? null : event.cache().address(event.cache().text(value));
			if (address == null) {
				return false;
			}
			if (!network.isIPv4()) {
				return address.isIPv6() && network.contains(address);
			}
			// IPv4 (nearly every rule): one mask and compare instead of the general
			// containment test
			if (address.isIPv4()) {
				return (address.toIPv4().intValue() & mask) == base;
			}
			return address.toIPv6().isIPv4Mapped()
					&& (address.toIPv6().getEmbeddedIPv4Address().intValue() & mask) == base;
		}

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
	/**
	 * The field's value compared with another field's: equal, or with {@code contains},
	 * {@code startswith}, {@code endswith} holding it there (case-insensitive unless
	 * {@code cased}).
	 */
	static ValueMatcher fieldReference(FieldAccessor other, boolean cased, boolean leadingAny, boolean trailingAny) {
		return (value, event) -> {
			var reference = other.value(event);
			if (value == null || reference == null) {
				return false;
			}
			var text = Values.text(value);
			if (reference instanceof java.util.List<?> list) {
				return list.stream().anyMatch(item -> holds(text, Values.text(item), cased, leadingAny, trailingAny));
			}
			return holds(text, Values.text(reference), cased, leadingAny, trailingAny);
		};
	}

	private static boolean holds(String value, String reference, boolean cased, boolean leadingAny,
			boolean trailingAny) {
		var a = cased ? value : value.toLowerCase(java.util.Locale.ROOT);
		var b = cased ? reference : reference.toLowerCase(java.util.Locale.ROOT);
		if (leadingAny && trailingAny) {
			return a.contains(b);
		}
		if (trailingAny) {
			return a.startsWith(b);
		}
		if (leadingAny) {
			return a.endsWith(b);
		}
		return a.equals(b);
	}

	/**
	 * One of several: the expansions of one rule value (windash, base64offset, expand),
	 * within an {@code |all}.
	 */
	record AnyOf(java.util.List<ValueMatcher> matchers) implements ValueMatcher {

		@Override
		public boolean matches(@Nullable Object value, Event event) {
			for (var matcher : matchers) {
				if (matcher.matches(value, event)) {
					return true;
				}
			}
			return false;
		}

	}

}
