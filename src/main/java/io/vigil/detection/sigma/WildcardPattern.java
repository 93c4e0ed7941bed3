package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * A Sigma string value: {@code *} any sequence, {@code ?} one character, and backslash
 * escaping ({@code \*}, {@code \?} and {@code \\} are literal; a backslash before
 * anything else is itself). Case-insensitive unless cased. Equality, prefix, suffix and
 * substring patterns are matched without regular expressions or allocation.
 */
final class WildcardPattern {

	private enum Shape {

		EXACT, PREFIX, SUFFIX, CONTAINS, ANYTHING, REGEX

	}

	private final Shape shape;

	private final String literal;

	private final boolean cased;

	private final Pattern regex;

	private WildcardPattern(Shape shape, String literal, boolean cased, Pattern regex) {
		this.shape = shape;
		this.literal = cased ? literal : literal.toLowerCase(java.util.Locale.ROOT);
		this.cased = cased;
		this.regex = regex;
	}

	/**
	 * @param literal true when the value has no wildcards (an encoded value); false
	 * parses wildcards and escapes
	 * @param leadingAny, trailingAny wrap the value (contains, endswith, startswith)
	 */
	static WildcardPattern compile(String value, boolean literal, boolean leadingAny, boolean trailingAny,
			boolean cased) {
		var segments = new ArrayList<Object>();
		if (leadingAny) {
			segments.add(Wild.ANY);
		}
		if (literal) {
			segments.add(value);
		}
		else {
			parse(value, segments);
		}
		if (trailingAny) {
			segments.add(Wild.ANY);
		}
		return of(merge(segments), cased);
	}

	/**
	 * A lower-case text every match contains (the literal of an exact, prefix, suffix or
	 * substring pattern), or null for patterns with inner wildcards.
	 */
	@org.jspecify.annotations.Nullable
	String requiredFolded() {
		return shape == Shape.REGEX || shape == Shape.ANYTHING ? null : literal.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The lower-case text this pattern equals exactly (case-insensitive, no wildcards),
	 * or null.
	 */
	@org.jspecify.annotations.Nullable
	String exactFolded() {
		return shape == Shape.EXACT && !cased ? literal : null;
	}

	/**
	 * Matches a text of the event; case-insensitive shapes compare the event's folded
	 * (lower-case) text.
	 */
	boolean matches(String text, Event event) {
		if (shape == Shape.REGEX) {
			return regex.matcher(text).matches();
		}
		if (shape == Shape.ANYTHING) {
			return true;
		}
		if (shape == Shape.EXACT && !cased && text.length() != literal.length()) {
			return false;
		}
		var subject = cased ? text : event.cache().fold(text);
		return switch (shape) {
			case EXACT -> subject.equals(literal);
			case PREFIX -> subject.startsWith(literal);
			case SUFFIX -> subject.endsWith(literal);
			default -> subject.contains(literal);
		};
	}

	private static void parse(String value, List<Object> segments) {
		var text = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			var c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
				text.append(value.charAt(++i));
			}
			else if (c == '*' || c == '?') {
				if (!text.isEmpty()) {
					segments.add(text.toString());
					text.setLength(0);
				}
				segments.add(c == '*' ? Wild.ANY : Wild.ONE);
			}
			else {
				text.append(c);
			}
		}
		if (!text.isEmpty()) {
			segments.add(text.toString());
		}
	}

	/** Joins adjacent literals and collapses runs of {@code *}. */
	private static List<Object> merge(List<Object> segments) {
		var merged = new ArrayList<Object>();
		for (var segment : segments) {
			var previous = merged.isEmpty() ? null : merged.getLast();
			if (segment instanceof String text && previous instanceof String before) {
				merged.set(merged.size() - 1, before + text);
			}
			else if (!(segment == Wild.ANY && previous == Wild.ANY)) {
				merged.add(segment);
			}
		}
		return merged;
	}

	private static WildcardPattern of(List<Object> s, boolean cased) {
		if (s.isEmpty()) {
			return new WildcardPattern(Shape.EXACT, "", cased, null);
		}
		if (s.size() == 1 && s.getFirst() instanceof String text) {
			return new WildcardPattern(Shape.EXACT, text, cased, null);
		}
		if (s.size() == 1 && s.getFirst() == Wild.ANY) {
			return new WildcardPattern(Shape.ANYTHING, "", cased, null);
		}
		if (s.size() == 2 && s.get(0) instanceof String text && s.get(1) == Wild.ANY) {
			return new WildcardPattern(Shape.PREFIX, text, cased, null);
		}
		if (s.size() == 2 && s.get(0) == Wild.ANY && s.get(1) instanceof String text) {
			return new WildcardPattern(Shape.SUFFIX, text, cased, null);
		}
		if (s.size() == 3 && s.get(0) == Wild.ANY && s.get(1) instanceof String text && s.get(2) == Wild.ANY) {
			return new WildcardPattern(Shape.CONTAINS, text, cased, null);
		}
		var regex = new StringBuilder();
		for (var segment : s) {
			regex.append(segment == Wild.ANY ? ".*" : segment == Wild.ONE ? "." : Pattern.quote((String) segment));
		}
		var flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE);
		return new WildcardPattern(Shape.REGEX, "", cased, Pattern.compile(regex.toString(), flags));
	}

	private enum Wild {

		ANY, ONE

	}

}
