package io.vigil.detection.sigma;

import java.util.Locale;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.jspecify.annotations.Nullable;

/**
 * What rules derive from an event's values, made once per value however many rules look
 * at it: the lower-case form of a text, the text of a number, the parsed IP address.
 * Keyed by identity: the event's own value objects are what every rule reads. Small and
 * without hashing, because an event has few values that rules compare.
 */
public final class EventCache {

	private static final int ENTRIES = 12;

	private static final Object NONE = new Object();

	// three slots per entry, one per kind (0 folded, 1 text, 2 address), so a lookup
	// visits every third slot
	private final Object[] keys = new Object[ENTRIES * 3];

	private final Object[] values = new Object[ENTRIES * 3];

	private int used;

	/** The text in lower case (Locale.ROOT). */
	public String fold(String text) {
		var cached = find(text, 0);
		if (cached != null) {
			return (String) cached;
		}
		var result = text.toLowerCase(Locale.ROOT);
		put(text, 0, result);
		return result;
	}

	/**
	 * A scalar as Sigma compares it: text (numbers without trailing zeros, booleans as
	 * true/false).
	 */
	public String text(Object value) {
		if (value instanceof String text) {
			return text;
		}
		var cached = find(value, 1);
		if (cached != null) {
			return (String) cached;
		}
		var result = Values.text(value);
		put(value, 1, result);
		return result;
	}

	/** The IP address in a text, parsed once; null when it is none. */
	public @Nullable IPAddress address(String text) {
		var cached = find(text, 2);
		if (cached != null) {
			return cached == NONE ? null : (IPAddress) cached;
		}
		var result = new IPAddressString(text).getAddress();
		put(text, 2, result == null ? NONE : result);
		return result;
	}

	/** Remembers an address parsed elsewhere (by a faster parser), so rules reuse it. */
	public void rememberAddress(String text, @Nullable IPAddress address) {
		if (find(text, 2) == null) {
			put(text, 2, address == null ? NONE : address);
		}
	}

	private @Nullable Object find(Object key, int kind) {
		for (int i = kind; i < used; i += 3) {
			if (keys[i] == key) {
				return values[i];
			}
		}
		return null;
	}

	private void put(Object key, int kind, Object value) {
		if (used < keys.length) {
			keys[used + kind] = key;
			values[used + kind] = value;
			used += 3;
		}
	}

}
