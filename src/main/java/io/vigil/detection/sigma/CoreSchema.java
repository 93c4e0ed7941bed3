package io.vigil.detection.sigma;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * YAML 1.2's core schema for plain scalars (yaml.org/spec/1.2.2, 10.3), which the Sigma
 * specification follows: the only nulls, booleans and numbers there are; every other
 * plain scalar is text.
 */
final class CoreSchema {

	private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");

	private static final Pattern TRUE = Pattern.compile("true|True|TRUE");

	private static final Pattern FALSE = Pattern.compile("false|False|FALSE");

	private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

	private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");

	private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

	private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

	private CoreSchema() {
	}

	/** The value of a plain scalar: null, a Boolean, a BigDecimal, or the text itself. */
	static @Nullable Object read(String text) {
		if (NULL.matcher(text).matches()) {
			return null;
		}
		if (TRUE.matcher(text).matches()) {
			return Boolean.TRUE;
		}
		if (FALSE.matcher(text).matches()) {
			return Boolean.FALSE;
		}
		// numbers longer than 64 characters stay text: nobody writes one, and it bounds
		// BigDecimal's work
		if (text.length() > 64) {
			return text;
		}
		if (DECIMAL.matcher(text).matches()) {
			return new BigDecimal(text);
		}
		if (OCTAL.matcher(text).matches()) {
			return new BigDecimal(new BigInteger(text.substring(2), 8));
		}
		if (HEX.matcher(text).matches()) {
			return new BigDecimal(new BigInteger(text.substring(2), 16));
		}
		if (FLOAT.matcher(text).matches()) {
			return new BigDecimal(text);
		}
		// .inf and .nan are floats in the schema; no sign-in field holds one, so they
		// compare as their text
		return text;
	}

}
