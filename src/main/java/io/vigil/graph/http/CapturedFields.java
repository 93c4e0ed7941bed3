package io.vigil.graph.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddressString;
import io.vigil.graph.GraphSignIn;
import io.vigil.graph.RecordBytes;
import io.vigil.graph.SignInEventType;
import io.vigil.shared.MemberSelection;
import org.jspecify.annotations.Nullable;

/**
 * The values of one sign-in record that become columns, read from its tree, and their
 * validation into a {@link GraphSignIn}. Enums stay strings: Graph adds values over time
 * and its own examples disagree on spelling.
 */
final class CapturedFields {

	/** Fields that must be plain values; a container there makes the record malformed. */
	private static final String[] SCALARS = { "id", "createdDateTime", "userId", "userPrincipalName", "userDisplayName",
			"appId", "appDisplayName", "ipAddress", "userAgent", "clientAppUsed", "conditionalAccessStatus",
			"authenticationRequirement", "riskLevelAggregated", "riskLevelDuringSignIn", "riskState", "riskDetail",
			"autonomousSystemNumber", "isInteractive" };

	/**
	 * The top-level members the columns come from: a reader keeps them whatever else it
	 * is asked for.
	 */
	static final MemberSelection MEMBERS = MemberSelection.of(java.util.stream.Stream
		.concat(java.util.Arrays.stream(SCALARS), java.util.stream.Stream.of("location", "status", "signInEventTypes"))
		.toList());

	/** What a fraction of a second of n digits counts in nanoseconds. */
	private static final int[] NANOS_PER_DIGIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
			10, 1 };

	private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

	private final Map<String, Object> tree;

	CapturedFields(Map<String, Object> tree) {
		this.tree = tree;
	}

	@Nullable String id() {
		return tree.get("id") instanceof String id ? id : null;
	}

	/**
	 * @param record the record as Graph sent it
	 * @throws MalformedRecord when the record cannot be a sign-in
	 */
	GraphSignIn toSignIn(RecordBytes record) {
		for (var name : SCALARS) {
			var value = tree.get(name);
			if (value instanceof Map || value instanceof List) {
				throw new MalformedRecord(
						"'" + name + "' must be a value, got " + (value instanceof Map ? "OBJECT" : "ARRAY"));
			}
		}
		var id = text(tree.get("id"));
		if (id == null || id.isBlank()) {
			throw new MalformedRecord("the sign-in has no id");
		}
		var location = member(tree, "location");
		var status = member(tree, "status");
		var coordinates = member(location, "geoCoordinates");
		return new GraphSignIn(id, createdDateTime(), eventType(), text("userId"), text("userPrincipalName"),
				text("userDisplayName"), text("appId"), text("appDisplayName"), ipAddress(text("ipAddress")),
				text(location.get("countryOrRegion")), text(location.get("city")),
				integer("autonomousSystemNumber", tree.get("autonomousSystemNumber")), text("userAgent"),
				text("clientAppUsed"), integer("errorCode", status.get("errorCode")), text(status.get("failureReason")),
				text("conditionalAccessStatus"), text("authenticationRequirement"), text("riskLevelAggregated"),
				text("riskLevelDuringSignIn"), text("riskState"), text("riskDetail"),
				coordinate(coordinates.get("latitude")), coordinate(coordinates.get("longitude")), record, tree);
	}

	private Instant createdDateTime() {
		var value = text("createdDateTime");
		if (value == null) {
			throw new MalformedRecord("the sign-in has no createdDateTime");
		}
		try {
			var utc = utcSeconds(value);
			return utc != null ? utc : OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeException ex) {
			throw new MalformedRecord("createdDateTime is not a timestamp: '" + value + "'");
		}
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, the form Graph writes, without the
	 * general parser (a few microseconds per record); null for any other form.
	 * @throws DateTimeException for a field out of range (month 13)
	 */
	static @Nullable Instant utcSeconds(String value) {
		var length = value.length();
		if (length < 20 || length > 30 || length == 21 || value.charAt(4) != '-' || value.charAt(7) != '-'
				|| value.charAt(10) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':'
				|| value.charAt(length - 1) != 'Z' || length > 20 && value.charAt(19) != '.') {
			return null;
		}
		var year = digits(value, 0, 4);
		var month = digits(value, 5, 2);
		var day = digits(value, 8, 2);
		var hour = digits(value, 11, 2);
		var minute = digits(value, 14, 2);
		var second = digits(value, 17, 2);
		var fraction = length == 20 ? 0 : digits(value, 20, length - 21);
		if ((year | month | day | hour | minute | second | fraction) < 0) {
			return null;
		}
		var nanos = length == 20 ? 0 : fraction * NANOS_PER_DIGIT[length - 21];
		return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
	}

	/**
	 * The number the ASCII digits at {@code [from, from + count)} spell, -1 if any is not
	 * one.
	 */
	private static int digits(String value, int from, int count) {
		int number = 0;
		for (int i = from; i < from + count; i++) {
			var c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			number = number * 10 + (c - '0');
		}
		return number;
	}

	/**
	 * Beta lists the type in signInEventTypes; records without it fall back to
	 * isInteractive.
	 */
	private SignInEventType eventType() {
		if (tree.get("signInEventTypes") instanceof List<?> types && !types.isEmpty()) {
			var first = text(types.getFirst());
			try {
				return SignInEventType.fromGraphName(String.valueOf(first));
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedRecord("unsupported signInEventTypes value '" + first + "'");
			}
		}
		if (tree.get("isInteractive") instanceof Boolean interactive) {
			return interactive ? SignInEventType.INTERACTIVE_USER : SignInEventType.NON_INTERACTIVE_USER;
		}
		throw new MalformedRecord("the sign-in has neither signInEventTypes nor isInteractive");
	}

	private @Nullable String text(String name) {
		return text(tree.get(name));
	}

	/**
	 * A plain value as text (a number as JSON wrote it), null for none or a container.
	 */
	private static @Nullable String text(@Nullable Object value) {
		return value == null || value instanceof Map || value instanceof List ? null : value.toString();
	}

	/** The object member {@code name} of {@code object}, empty when there is none. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> member(Map<String, Object> object, String name) {
		return object.get(name) instanceof Map<?, ?> member ? (Map<String, Object>) member : Map.of();
	}

	/** A 32-bit integer, as a JSON number or a string of digits. */
	private static @Nullable Integer integer(String name, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Integer number) {
			return number;
		}
		if (value instanceof String text && INTEGER.matcher(text).matches()) {
			return Integer.valueOf(text);
		}
		var shown = value instanceof String ? "\"" + value + "\"" : value.toString();
		throw new MalformedRecord("'" + name + "' must be an integer, got '" + shown + "'");
	}

	/**
	 * Latitude or longitude of {@code location.geoCoordinates}: kept when it is a finite
	 * number (impossible travel reads them from a column).
	 */
	private static @Nullable Double coordinate(@Nullable Object value) {
		if (value instanceof Number number) {
			var degrees = number.doubleValue();
			return Double.isFinite(degrees) ? degrees : null;
		}
		return null;
	}

	/**
	 * Graph redacts some addresses (e.g. {@code 10.1.2.XXX} for CSP sign-ins); those keep
	 * no inet column.
	 */
	private static @Nullable String ipAddress(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.contains(":")) {
			return dottedQuad(value);
		}
		var address = new IPAddressString(value).getAddress();
		return address == null || address.isPrefixed() ? null : address.toCanonicalString();
	}

	/**
	 * An IPv4 address of four decimal octets as they are, null for anything else (a
	 * redacted {@code 10.1.2.XXX}, {@code 1.2.3}, an octet over 255); octets with leading
	 * zeros are left to the address library. Nearly every sign-in has one; the library
	 * costs a few microseconds.
	 */
	static @Nullable String dottedQuad(String value) {
		int octet = -1;
		int dots = 0;
		for (int i = 0; i <= value.length(); i++) {
			var c = i < value.length() ? value.charAt(i) : '.';
			if (c >= '0' && c <= '9' && octet != 0) {
				octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
				if (octet > 255) {
					return null;
				}
			}
			else if (c >= '0' && c <= '9') {
				var address = new IPAddressString(value).getAddress();
				return address == null || !address.isIPv4() ? null : address.toCanonicalString();
			}
			else if (c == '.' && octet >= 0 && dots < 4) {
				octet = -1;
				dots++;
			}
			else {
				return null;
			}
		}
		return dots == 4 ? value : null;
	}

	/** Why a record cannot be read; it goes to quarantine with this message. */
	static final class MalformedRecord extends RuntimeException {

		MalformedRecord(String message) {
			super(message, null, false, false);
		}

	}

}
