package io.vigil.detection.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.vigil.detection.sigma.Event;
import io.vigil.detection.sigma.EventCache;
import io.vigil.detection.sigma.MapEvent;
import io.vigil.shared.MemberSelection;
import io.vigil.shared.RecordTree;
import org.jspecify.annotations.Nullable;

/**
 * A Graph sign-in record as rules see it (the JSON object as maps and lists). The IP
 * address is parsed at most once per event, however many rules look at it.
 */
public final class SignInEvent implements Event {

	/**
	 * The members this class, the built-in rules and the evidence of a match read: every
	 * selection of members for detection includes them.
	 */
	public static final MemberSelection MEMBERS = MemberSelection.of(List.of("id", "createdDateTime", "status",
			"autonomousSystemNumber", "ipAddress", "location", "userId", "userPrincipalName", "userDisplayName",
			"appId", "appDisplayName", "userAgent", "clientAppUsed", "authenticationRequirement",
			"conditionalAccessStatus", "riskLevelDuringSignIn", "signInEventTypes", "isInteractive"));

	/** The tree as read: maybe only some members ({@link RecordTree#holds}). */
	private Map<String, ?> record;

	/** The whole record's tree, for members the tree read did not keep. */
	private final @Nullable Supplier<Map<String, ?>> whole;

	private boolean complete;

	private @Nullable MapEvent tree;

	private @Nullable IPAddress address;

	private boolean addressParsed;

	private final EventCache cache = new EventCache();

	/** An event of a whole record's tree. */
	public SignInEvent(Map<String, ?> record) {
		this.record = record;
		this.whole = null;
		this.complete = true;
	}

	/**
	 * An event of a tree read with a {@link MemberSelection}: a member it left out is
	 * read from {@code whole} (parsed once, when first needed), never taken for absent.
	 */
	public SignInEvent(Map<String, ?> tree, Supplier<Map<String, ?>> whole) {
		this.record = tree;
		this.whole = whole;
	}

	/** The whole record's tree. */
	public Map<String, ?> record() {
		return whole();
	}

	@Override
	public @Nullable Object member(String name) {
		return complete || RecordTree.holds(record, name) ? record.get(name) : whole().get(name);
	}

	/**
	 * Whether the whole record had to be parsed: a member was asked for that the tree
	 * left out.
	 */
	public boolean parsedWhole() {
		return whole != null && complete;
	}

	private Map<String, ?> whole() {
		if (!complete) {
			record = whole.get();
			complete = true;
		}
		return record;
	}

	@Override
	public Iterable<String> texts() {
		if (tree == null) {
			tree = new MapEvent(whole());
		}
		return tree.texts();
	}

	@Override
	public EventCache cache() {
		return cache;
	}

	public String id() {
		return String.valueOf(member("id"));
	}

	public @Nullable String text(String name) {
		var value = member(name);
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
		if (member("status") instanceof Map<?, ?> status && status.get("errorCode") instanceof Number code) {
			return code.intValue();
		}
		return null;
	}

	public boolean successful() {
		var code = errorCode();
		return code != null && code == 0;
	}

	public @Nullable Long autonomousSystemNumber() {
		var value = member("autonomousSystemNumber");
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
			if (member("ipAddress") instanceof String text) {
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
		return member("location") instanceof Map<?, ?> location && location.get("countryOrRegion") != null
				? String.valueOf(location.get("countryOrRegion")) : null;
	}

}
