package io.vigil.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), what
 * authenticator apps use. A code is accepted for the current step and one step either
 * side, for clocks that drift.
 */
final class Totp {

	static final int STEP_SECONDS = 30;

	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private Totp() {
	}

	static String newSecret(SecureRandom random) {
		var bytes = new byte[20];
		random.nextBytes(bytes);
		return base32(bytes);
	}

	static String code(String secret, long step) {
		try {
			var mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(base32Decode(secret), "HmacSHA1"));
			var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0xf;
			int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8
					| hash[offset + 3] & 0xff;
			return String.format("%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long step(Instant now) {
		return now.getEpochSecond() / STEP_SECONDS;
	}

	/**
	 * The step whose code this is (now, or one step before or after), or empty. Compared
	 * in constant time.
	 */
	static OptionalLong matchingStep(String secret, String code, Instant now) {
		var normalized = code.replace(" ", "");
		if (!normalized.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		var current = step(now);
		for (long step = current - 1; step <= current + 1; step++) {
			if (MessageDigest.isEqual(code(secret, step).getBytes(), normalized.getBytes())) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	static String base32(byte[] bytes) {
		var out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (var b : bytes) {
			buffer = buffer << 8 | b & 0xff;
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32[buffer >> (bits - 5) & 31]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32[buffer << (5 - bits) & 31]);
		}
		return out.toString();
	}

	static byte[] base32Decode(String text) {
		var clean = text.replace(" ", "").replace("=", "").toUpperCase();
		var out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (var c : clean.toCharArray()) {
			int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
			if (value < 0) {
				throw new IllegalArgumentException("not base32");
			}
			buffer = buffer << 5 | value;
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}

}
