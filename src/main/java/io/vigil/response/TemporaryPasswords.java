package io.vigil.response;

import java.security.SecureRandom;

import io.vigil.shared.Secret;

/**
 * One-time passwords for a reset: 16 characters with lower and upper case, digits and
 * symbols (Entra's complexity rule wants three of the four), none that are easily
 * confused when read aloud or typed from a screen.
 */
final class TemporaryPasswords {

	private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "!#%+-=?@";

	private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

	private static final int LENGTH = 16;

	private final SecureRandom random = new SecureRandom();

	Secret next() {
		var chars = new char[LENGTH];
		chars[0] = pick(LOWER);
		chars[1] = pick(UPPER);
		chars[2] = pick(DIGITS);
		chars[3] = pick(SYMBOLS);
		for (int i = 4; i < LENGTH; i++) {
			chars[i] = pick(ALL);
		}
		for (int i = LENGTH - 1; i > 0; i--) {
			var j = random.nextInt(i + 1);
			var swap = chars[i];
			chars[i] = chars[j];
			chars[j] = swap;
		}
		return new Secret(new String(chars));
	}

	private char pick(String alphabet) {
		return alphabet.charAt(random.nextInt(alphabet.length()));
	}

}
