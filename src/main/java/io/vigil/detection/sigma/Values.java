package io.vigil.detection.sigma;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Sigma compares values as text: the number 0, the string "0" and YAML's 0 are the same
 * value.
 */
public final class Values {

	private Values() {
	}

	public static String text(@Nullable Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Double || value instanceof Float) {
			return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

	static @Nullable BigDecimal number(@Nullable Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		if (value instanceof String text) {
			try {
				return new BigDecimal(text.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
