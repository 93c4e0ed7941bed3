package io.vigil.shared;

import java.util.Arrays;

/**
 * The short texts the records of one page repeat (policy names, results, app names, user
 * agents), each kept once: a direct-mapped cache (a text evicts whatever shared its slot)
 * with each text's hash and characters in an arena, sized by the page so that a page of a
 * few records does not pay for a page of a thousand. Serves one thread.
 */
final class SharedTexts {

	/** Longer texts (tokens, long details) are rarely repeated: not worth hashing. */
	private static final int SHARED_LENGTH = 256;

	private final String[] texts;

	private final int[] hashes;

	private final int[] starts;

	/**
	 * Characters of the cached texts, one after another; the cache restarts when full.
	 */
	private final char[] arena;

	private int used;

	/**
	 * @param pageBytes the size of the page read
	 */
	SharedTexts(int pageBytes) {
		var slots = Integer.highestOneBit(Math.clamp(pageBytes / 32, 256, 4096));
		this.texts = new String[slots];
		this.hashes = new int[slots];
		this.starts = new int[slots];
		this.arena = new char[Math.clamp(pageBytes / 2, 4096, 128 * 1024)];
	}

	/**
	 * The text of {@code chars[offset, offset + length)}, the one seen before if the
	 * same.
	 */
	String text(char[] chars, int offset, int length) {
		if (length > SHARED_LENGTH || length == 0) {
			return new String(chars, offset, length);
		}
		var hash = hash(chars, offset, length);
		var slot = hash & (texts.length - 1);
		var known = texts[slot];
		if (known != null && hashes[slot] == hash && known.length() == length
				&& Arrays.equals(arena, starts[slot], starts[slot] + length, chars, offset, offset + length)) {
			return known;
		}
		if (used + length > arena.length) {
			Arrays.fill(texts, null);
			used = 0;
		}
		var text = new String(chars, offset, length);
		System.arraycopy(chars, offset, arena, used, length);
		texts[slot] = text;
		hashes[slot] = hash;
		starts[slot] = used;
		used += length;
		return text;
	}

	/**
	 * A hash of the length and five characters: enough to tell the texts of a page apart
	 * (a clash only costs a miss), without a pass over every character.
	 */
	private static int hash(char[] chars, int offset, int length) {
		var last = offset + length - 1;
		var hash = length * 0x9E3779B1;
		hash = (hash ^ chars[offset]) * 0x85EBCA6B;
		hash = (hash ^ chars[offset + (length >> 2)]) * 0xC2B2AE35;
		hash = (hash ^ chars[offset + (length >> 1)]) * 0x27D4EB2F;
		hash = (hash ^ chars[last - (length >> 2)]) * 0x165667B1;
		hash = (hash ^ chars[last]) * 0x9E3779B1;
		return hash ^ (hash >>> 15);
	}

}
