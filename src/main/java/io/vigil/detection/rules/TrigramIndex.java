package io.vigil.detection.rules;

import java.util.Arrays;

/**
 * Rules filed under a three-character piece of a text they need: a text that lacks the
 * piece cannot match them. An open-addressing table keyed by the three characters packed
 * into a long, so a lookup allocates nothing.
 */
final class TrigramIndex {

	private long[] keys = new long[16];

	private int[][] rules = new int[16][];

	private int size;

	void add(String literal, int rule) {
		var key = key(literal, 0);
		int slot = slot(key);
		if (rules[slot] == null) {
			keys[slot] = key;
			rules[slot] = new int[] { rule };
			if (++size * 2 > keys.length) {
				grow();
			}
		}
		else {
			var list = Arrays.copyOf(rules[slot], rules[slot].length + 1);
			list[list.length - 1] = rule;
			rules[slot] = list;
		}
	}

	/** Marks the rules filed under any three characters of the (lower-case) text. */
	void mark(String folded, boolean[] candidates) {
		for (int i = 0; i + 3 <= folded.length(); i++) {
			var found = rules[slot(key(folded, i))];
			if (found != null) {
				for (int rule : found) {
					candidates[rule] = true;
				}
			}
		}
	}

	private int slot(long key) {
		int mask = keys.length - 1;
		int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
		while (rules[slot] != null && keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private void grow() {
		var oldKeys = keys;
		var oldRules = rules;
		keys = new long[oldKeys.length * 2];
		rules = new int[oldKeys.length * 2][];
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldRules[i] != null) {
				int slot = slot(oldKeys[i]);
				keys[slot] = oldKeys[i];
				rules[slot] = oldRules[i];
			}
		}
	}

	private static long key(String text, int at) {
		return (long) text.charAt(at) << 32 | (long) text.charAt(at + 1) << 16 | text.charAt(at + 2);
	}

}
