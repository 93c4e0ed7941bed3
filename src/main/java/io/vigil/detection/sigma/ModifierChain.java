package io.vigil.detection.sigma;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import inet.ipaddr.IPAddressString;
import io.vigil.detection.sigma.SigmaRule.FieldCondition;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one field condition: applies its modifiers left to right (value
 * transformations such as {@code expand}, {@code wide}, {@code base64offset},
 * {@code windash}; then how values match: wildcards with {@code contains} /
 * {@code startswith} / {@code endswith}, {@code re}, {@code cidr}, comparisons,
 * {@code fieldref}, {@code exists}; and the flags {@code all}, {@code cased},
 * {@code neq}). An unknown modifier is an error with the rule's line.
 */
final class ModifierChain {

	// Vigil's own patterns (lookarounds, applied to rule text only); rules' patterns are
	// RE2 (linear time)
	private static final java.util.regex.Pattern WINDASH = java.util.regex.Pattern.compile("(?<!\\w)[-/](?=\\w)");

	private static final String[] DASHES = { "-", "/", "\u2013", "\u2014", "\u2015" };

	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
		.compile("(?<!\\\\)%([A-Za-z0-9_.-]+)%");

	private enum Kind {

		TEXT, RE, CIDR, COMPARE, FIELDREF, EXISTS

	}

	private final String source;

	private final FieldCondition condition;

	private final CompileContext context;

	private List<Value> values = new ArrayList<>();

	private Kind kind = Kind.TEXT;

	private String operator = "";

	private int regexFlags;

	private boolean leadingAny;

	private boolean trailingAny;

	private boolean all;

	private boolean cased;

	private boolean negated;

	ModifierChain(String source, FieldCondition condition, CompileContext context) {
		this.source = source;
		this.condition = condition;
		this.context = context;
		for (int i = 0; i < condition.values().size(); i++) {
			values.add(new Value(condition.values().get(i), false, i));
		}
	}

	/** A field condition; empty accessor: a keyword condition over the whole event. */
	Predicate<Event> compile(@Nullable FieldAccessor accessor, boolean keyword) {
		if (keyword) {
			leadingAny = true;
			trailingAny = true;
		}
		for (var modifier : condition.modifiers()) {
			apply(modifier);
		}
		if (keyword) {
			return keywords(matchers(), all);
		}
		if (kind == Kind.EXISTS) {
			if (values.size() != 1 || !(values.getFirst().value() instanceof Boolean exists)) {
				throw error("'exists' takes true or false");
			}
			return new FieldMatcher(condition.field(), accessor, List.of(), false, false, exists);
		}
		return new FieldMatcher(condition.field(), accessor, matchers(), all, negated, null);
	}

	private void apply(String modifier) {
		switch (modifier) {
			case "contains" -> {
				leadingAny = true;
				trailingAny = true;
			}
			case "startswith" -> trailingAny = true;
			case "endswith" -> leadingAny = true;
			case "all" -> all = true;
			case "cased" -> cased = true;
			case "neq" -> negated = true;
			case "exists" -> kind = Kind.EXISTS;
			case "re" -> kind = Kind.RE;
			case "i", "ignorecase" -> regexFlag(modifier, Pattern.CASE_INSENSITIVE);
			case "m", "multiline" -> regexFlag(modifier, Pattern.MULTILINE);
			case "s", "dotall" -> regexFlag(modifier, Pattern.DOTALL);
			case "cidr" -> kind = Kind.CIDR;
			case "lt", "lte", "gt", "gte" -> {
				kind = Kind.COMPARE;
				operator = modifier;
			}
			case "fieldref" -> kind = Kind.FIELDREF;
			case "expand" -> values = flatMap(this::expand, false);
			case "base64" -> values = flatMap(v -> List.of(Base64.getEncoder().encodeToString(bytes(v))), true);
			case "base64offset" -> values = flatMap(v -> base64Offsets(bytes(v)), true);
			case "wide", "utf16le" -> values = map(v -> text(v).getBytes(StandardCharsets.UTF_16LE));
			case "utf16be" -> values = map(v -> text(v).getBytes(StandardCharsets.UTF_16BE));
			case "utf16" -> values = map(v -> withBom(text(v).getBytes(StandardCharsets.UTF_16LE)));
			case "windash" -> values = flatMap(v -> windash(text(v)), false);
			default -> throw error("unknown modifier '" + modifier + "'");
		}
	}

	/**
	 * One matcher per value; with {@code all}, one per value of the rule, its expansions
	 * (windash, base64offset, expand) ORed: all of the rule's values must match, any one
	 * spelling of each.
	 */
	private List<ValueMatcher> matchers() {
		if (all) {
			var groups = new java.util.LinkedHashMap<Integer, List<ValueMatcher>>();
			for (var value : values) {
				groups.computeIfAbsent(value.group(), group -> new ArrayList<>()).add(matcher(value));
			}
			return groups.values()
				.stream()
				.map(group -> group.size() == 1 ? group.getFirst() : new ValueMatcher.AnyOf(List.copyOf(group)))
				.toList();
		}
		var matchers = new ArrayList<ValueMatcher>();
		for (var value : values) {
			matchers.add(matcher(value));
		}
		return matchers;
	}

	private ValueMatcher matcher(Value value) {
		if (value.value() == null) {
			if (kind != Kind.TEXT) {
				throw error("null cannot be used with '" + kind.name().toLowerCase() + "'");
			}
			return ValueMatcher.isNull();
		}
		var text = text(value);
		return switch (kind) {
			case TEXT ->
				ValueMatcher.text(WildcardPattern.compile(text, value.literal(), leadingAny, trailingAny, cased));
			case RE -> ValueMatcher.regex(regex(text));
			case CIDR -> ValueMatcher.cidr(network(text));
			case COMPARE -> ValueMatcher.compare(operator, number(value));
			case FIELDREF ->
				ValueMatcher.fieldReference(context.field(text, condition.line()), cased, leadingAny, trailingAny);
			case EXISTS -> throw error("'exists' takes true or false");
		};
	}

	/** Keywords search every text value of the event; ORed, or ANDed with {@code all}. */
	private static Predicate<Event> keywords(List<ValueMatcher> matchers, boolean all) {
		return event -> {
			for (var matcher : matchers) {
				if (anyText(matcher, event) != all) {
					return !all;
				}
			}
			return all;
		};
	}

	private static boolean anyText(ValueMatcher matcher, Event event) {
		for (var text : event.texts()) {
			if (matcher.matches(text, event)) {
				return true;
			}
		}
		return false;
	}

	private Pattern regex(String text) {
		try {
			return Pattern.compile(text, regexFlags);
		}
		catch (PatternSyntaxException ex) {
			// RE2 has no lookaround or backreference and bounds repetition counts (at
			// most 1000): such a pattern
			// could run for minutes on one crafted user agent, so it is refused at load
			throw error("invalid regular expression '" + abbreviated(text) + "': " + ex.getDescription()
					+ " (Vigil matches in linear time with RE2: no lookaround, no backreference, repeats up to 1000)");
		}
	}

	private static String abbreviated(String text) {
		return text.length() <= 120 ? text : text.substring(0, 120) + "...";
	}

	private inet.ipaddr.IPAddress network(String text) {
		var address = new IPAddressString(text).getAddress();
		if (address == null) {
			throw error("invalid network '" + text + "' for 'cidr'");
		}
		return address;
	}

	private BigDecimal number(Value value) {
		var number = Values.number(value.value());
		if (number == null) {
			throw error("'" + operator + "' needs a number, got '" + text(value) + "'");
		}
		return number;
	}

	private void regexFlag(String modifier, int flag) {
		if (kind != Kind.RE) {
			throw error("'" + modifier + "' only follows 're'");
		}
		regexFlags |= flag;
	}

	private List<String> expand(Value value) {
		var text = text(value);
		var matcher = PLACEHOLDER.matcher(text);
		if (!matcher.find()) {
			return List.of(text.replace("\\%", "%"));
		}
		var name = matcher.group(1);
		var replacements = context.placeholder(name);
		if (replacements == null) {
			return List.of();
		}
		var result = new ArrayList<String>();
		for (var replacement : replacements) {
			var expanded = text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
			result.addAll(expand(new Value(expanded, false, value.group())));
		}
		return result;
	}

	/**
	 * The three encodings of a value at offsets 0, 1 and 2 of a base64 stream, without
	 * their unstable edges.
	 */
	private static List<String> base64Offsets(byte[] value) {
		int[] starts = { 0, 2, 3 };
		Integer[] ends = { null, -3, -2 };
		var result = new ArrayList<String>();
		for (int i = 0; i < 3; i++) {
			var padded = new byte[value.length + i];
			java.util.Arrays.fill(padded, 0, i, (byte) ' ');
			System.arraycopy(value, 0, padded, i, value.length);
			var encoded = Base64.getEncoder().encodeToString(padded);
			var end = ends[(value.length + i) % 3];
			result.add(encoded.substring(starts[i], end == null ? encoded.length() : encoded.length() + end));
		}
		return result;
	}

	/**
	 * At most this many spellings of one field condition's values once modifiers have
	 * expanded them.
	 */
	static final int MAX_EXPANDED_VALUES = 10_000;

	/**
	 * Dash positions that are permuted independently; beyond them every position takes
	 * the same dash.
	 */
	static final int WINDASH_PERMUTED_POSITIONS = 4;

	/**
	 * Every spelling of the value with each of its option dashes as any of the five
	 * (pySigma's windash): with n dashes, 5^n spellings, so "-a -b" is also "/a –b". Past
	 * {@link #WINDASH_PERMUTED_POSITIONS} dashes (625 spellings) every dash takes the
	 * same character, which bounds the rule's size.
	 */
	static List<String> windash(String text) {
		var matcher = WINDASH.matcher(text);
		var positions = new ArrayList<Integer>();
		while (matcher.find()) {
			positions.add(matcher.start());
		}
		var variants = new LinkedHashSet<String>();
		if (positions.size() > WINDASH_PERMUTED_POSITIONS) {
			for (var dash : DASHES) {
				variants.add(WINDASH.matcher(text).replaceAll(Matcher.quoteReplacement(dash)));
			}
			return List.copyOf(variants);
		}
		permute(text, positions, 0, new StringBuilder(), 0, variants);
		return List.copyOf(variants);
	}

	private static void permute(String text, List<Integer> positions, int index, StringBuilder prefix, int from,
			java.util.Set<String> into) {
		if (index == positions.size()) {
			into.add(prefix + text.substring(from));
			return;
		}
		var at = positions.get(index);
		for (var dash : DASHES) {
			var next = new StringBuilder(prefix).append(text, from, at).append(dash);
			permute(text, positions, index + 1, next, at + 1, into);
		}
	}

	private static byte[] withBom(byte[] littleEndian) {
		var result = new byte[littleEndian.length + 2];
		result[0] = (byte) 0xFF;
		result[1] = (byte) 0xFE;
		System.arraycopy(littleEndian, 0, result, 2, littleEndian.length);
		return result;
	}

	private List<Value> map(Function<Value, Object> transformation) {
		return values.stream()
			.map(v -> new Value(v.value() == null ? null : transformation.apply(v), true, v.group()))
			.toList();
	}

	/**
	 * @param encodes true when the output is an encoding, whose characters are no
	 * wildcards
	 */
	private List<Value> flatMap(Function<Value, List<String>> transformation, boolean encodes) {
		var result = new ArrayList<Value>();
		for (var value : values) {
			if (value.value() == null) {
				result.add(value);
				continue;
			}
			var literal = encodes || value.literal();
			transformation.apply(value).forEach(text -> result.add(new Value(text, literal, value.group())));
			if (result.size() > MAX_EXPANDED_VALUES) {
				// windash, base64offset and expand multiply values: a hostile rule must
				// not multiply them unbounded
				throw error("its modifiers expand its values into more than " + MAX_EXPANDED_VALUES + " spellings");
			}
		}
		return result;
	}

	private static byte[] bytes(Value value) {
		return value.value() instanceof byte[] bytes ? bytes : text(value).getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Value value) {
		return value.value() instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
				: Values.text(value.value());
	}

	private SigmaException error(String problem) {
		return new SigmaException(source, condition.line(), problem + " (field '" + condition.field() + "')");
	}

	/**
	 * A value on its way through the chain; literal once encoded (its * and ? are no
	 * wildcards any more); group: which of the rule's values it came from.
	 */
	private record Value(@Nullable Object value, boolean literal, int group) {
	}

	/**
	 * What the chain needs from the compiler: other fields (fieldref) and placeholder
	 * values (expand).
	 */
	interface CompileContext {

		FieldAccessor field(String name, int line);

		@Nullable List<String> placeholder(String name);

	}

	static Set<String> placeholdersIn(String text) {
		var names = new LinkedHashSet<String>();
		var matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
