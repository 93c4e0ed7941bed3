package io.vigil.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text (UTF-8): for storing one-time tokens and codes only as their hash, and
 * for recognising a record seen before.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static byte[] of(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java runtime must provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

	/** The hash as lower-case hex. */
	public static String hex(String text) {
		return HexFormat.of().formatHex(of(text));
	}

}
