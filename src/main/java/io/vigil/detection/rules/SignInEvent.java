package io.vigil.detection.rules;

import java.time.Instant;
import java.util.Map;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.vigil.detection.sigma.Event;
import io.vigil.detection.sigma.EventCache;
import io.vigil.detection.sigma.MapEvent;
import org.jspecify.annotations.Nullable;

/**
 * A Graph sign-in record as rules see it (the JSON object as maps and lists). The IP
 * address is parsed at most once per event, however many rules look at it.
 */
public final class SignInEvent implements Event {

	private final Map<String, ?> record;

	private @Nullable MapEvent tree;

	private @Nullable IPAddress address;

	private boolean addressParsed;

	private final EventCache cache = new EventCache();

	public SignInEvent(Map<String, ?> record) {
		this.record = record;
	}

	public Map<String, ?> record() {
		return record;
	}

	@Override
	public @Nullable Object member(String name) {
		return record.get(name);
	}

	@Override
	public Iterable<String> texts() {
		if (tree == null) {
			tree = new MapEvent(record);
		}
		return tree.texts();
	}

	@Override
	public EventCache cache() {
		return cache;
	}

	public String id() {
		return String.valueOf(record.get("id"));
	}

	public @Nullable String text(String name) {
		var value = record.get(name);
		return value == null ? null : String.valueOf(value);
	}

	public @Nullable Instant createdDateTime() {
		var text = text("createdDateTime");
		return text == null ? null : Instant.parse(text);
	}

	/**
	 * The Graph error code; 0 is a successful sign-in. Null when the record has no
	 * status.
	 */
	public @Nullable Integer errorCode() {
		if (record.get("status") instanceof Map<?, ?> status && status.get("errorCode") instanceof Number code) {
			return code.intValue();
		}
		return null;
	}

	public boolean successful() {
		var code = errorCode();
		return code != null && code == 0;
	}

	public @Nullable Long autonomousSystemNumber() {
		var value = record.get("autonomousSystemNumber");
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Long.parseLong(text.trim().replaceFirst("(?i)^AS", ""));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** The sign-in's IP address, parsed once; null when absent or unreadable. */
	public @Nullable IPAddress address() {
		if (!addressParsed) {
			addressParsed = true;
			if (record.get("ipAddress") instanceof String text) {
				address = parse(text);
				cache.rememberAddress(text, address);
			}
		}
		return address;
	}

	/**
	 * Dotted-quad IPv4 (nearly every sign-in) without the general parser; anything else
	 * through it.
	 */
	private static @Nullable IPAddress parse(String text) {
		int value = 0;
		int octet = -1;
		int dots = 0;
		for (int i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
				if (octet > 255) {
					return new IPAddressString(text).getAddress();
				}
			}
			else if (c == '.' && octet >= 0 && dots < 3) {
				value = value << 8 | octet;
				octet = -1;
				dots++;
			}
			else {
				return new IPAddressString(text).getAddress();
			}
		}
		if (dots != 3 || octet < 0) {
			return new IPAddressString(text).getAddress();
		}
		return new IPv4Address(value << 8 | octet);
	}

	public @Nullable String country() {
		return record.get("location") instanceof Map<?, ?> location && location.get("countryOrRegion") != null
				? String.valueOf(location.get("countryOrRegion")) : null;
	}

}
