package io.vigil.detection;

import java.time.Instant;
import java.util.Map;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vigil.detection.sigma.Event;
import io.vigil.detection.sigma.MapEvent;
import org.jspecify.annotations.Nullable;

/**
 * A Graph sign-in record as rules see it (the JSON object as maps and lists). The IP address is parsed at most once
 * per event, however many rules look at it.
 */
public final class SignInEvent implements Event {

	private final Map<String, ?> record;

	private final MapEvent tree;

	private @Nullable IPAddress address;

	private boolean addressParsed;

	public SignInEvent(Map<String, ?> record) {
		this.record = record;
		this.tree = new MapEvent(record);
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
		return tree.texts();
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

	/** The Graph error code; 0 is a successful sign-in. Null when the record has no status. */
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
			var text = text("ipAddress");
			address = text == null ? null : new IPAddressString(text).getAddress();
		}
		return address;
	}

	public @Nullable String country() {
		return record.get("location") instanceof Map<?, ?> location && location.get("countryOrRegion") != null
				? String.valueOf(location.get("countryOrRegion")) : null;
	}

}
