package io.vigil.graph.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddressString;
import io.vigil.graph.GraphSignIn;
import io.vigil.graph.SignInEventType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The values of one sign-in record that become columns, as the scanner met them, and
 * their validation into a {@link GraphSignIn}. Enums stay strings: Graph adds values over
 * time and its own examples disagree on spelling.
 */
final class CapturedFields {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final Map<String, String> values = new HashMap<>(32);

	private @Nullable String problem;

	private @Nullable String firstEventType;

	private @Nullable Boolean interactive;

	void top(String name, JsonParser parser) {
		if (name.equals("isInteractive") && parser.currentToken().isBoolean()) {
			interactive = parser.currentToken() == JsonToken.VALUE_TRUE;
		}
		if (name.equals("autonomousSystemNumber")) {
			integer(name, parser);
		}
		values.put(name, parser.getString());
	}

	void nested(@Nullable String parent, String name, JsonParser parser) {
		if ("status".equals(parent) && name.equals("errorCode")) {
			integer(name, parser);
		}
		values.put(parent + "." + name, parser.getString());
	}

	/**
	 * Latitude or longitude of {@code location.geoCoordinates}: kept when it is a number
	 * (impossible travel reads them from a column).
	 */
	void coordinate(String name, JsonParser parser) {
		if ((name.equals("latitude") || name.equals("longitude")) && parser.currentToken().isNumeric()) {
			values.put("geo." + name, parser.getString());
		}
	}

	void eventType(String type) {
		if (firstEventType == null) {
			firstEventType = type;
		}
	}

	void problem(String message) {
		if (problem == null) {
			problem = message;
		}
	}

	@Nullable String id() {
		return values.get("id");
	}

	/**
	 * @throws MalformedRecord when the record cannot be a sign-in
	 */
	GraphSignIn toSignIn(String normalizedJson) {
		if (problem != null) {
			throw new MalformedRecord(problem);
		}
		var id = values.get("id");
		if (id == null || id.isBlank()) {
			throw new MalformedRecord("the sign-in has no id");
		}
		return new GraphSignIn(id, createdDateTime(), eventType(), values.get("userId"),
				values.get("userPrincipalName"), values.get("userDisplayName"), values.get("appId"),
				values.get("appDisplayName"), ipAddress(values.get("ipAddress")),
				values.get("location.countryOrRegion"), values.get("location.city"),
				integerValue("autonomousSystemNumber"), values.get("userAgent"), values.get("clientAppUsed"),
				integerValue("status.errorCode"), values.get("status.failureReason"),
				values.get("conditionalAccessStatus"), values.get("authenticationRequirement"),
				values.get("riskLevelAggregated"), values.get("riskLevelDuringSignIn"), values.get("riskState"),
				values.get("riskDetail"), doubleValue("geo.latitude"), doubleValue("geo.longitude"), normalizedJson);
	}

	private Instant createdDateTime() {
		var value = values.get("createdDateTime");
		if (value == null) {
			throw new MalformedRecord("the sign-in has no createdDateTime");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new MalformedRecord("createdDateTime is not a timestamp: '" + value + "'");
		}
	}

	/**
	 * Beta lists the type in signInEventTypes; records without it fall back to
	 * isInteractive.
	 */
	private SignInEventType eventType() {
		if (firstEventType != null) {
			try {
				return SignInEventType.fromGraphName(firstEventType);
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedRecord("unsupported signInEventTypes value '" + firstEventType + "'");
			}
		}
		if (interactive != null) {
			return interactive ? SignInEventType.INTERACTIVE_USER : SignInEventType.NON_INTERACTIVE_USER;
		}
		throw new MalformedRecord("the sign-in has neither signInEventTypes nor isInteractive");
	}

	private void integer(String name, JsonParser parser) {
		var token = parser.currentToken();
		var valid = (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT)
				|| (token == JsonToken.VALUE_STRING && parser.getString().matches("-?\\d{1,9}"));
		if (!valid) {
			var shown = token == JsonToken.VALUE_STRING ? "\"" + parser.getString() + "\"" : parser.getString();
			problem("'" + name + "' must be an integer, got '" + shown + "'");
		}
	}

	private @Nullable Double doubleValue(String key) {
		var value = values.get(key);
		if (value == null) {
			return null;
		}
		var number = Double.parseDouble(value);
		return Double.isFinite(number) ? number : null;
	}

	private @Nullable Integer integerValue(String key) {
		var value = values.get(key);
		return value == null ? null : Integer.valueOf(value);
	}

	/**
	 * Graph redacts some addresses (e.g. {@code 10.1.2.XXX} for CSP sign-ins); those keep
	 * no inet column.
	 */
	private static @Nullable String ipAddress(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.contains(":") && !IPV4.matcher(value).matches()) {
			return null;
		}
		var address = new IPAddressString(value).getAddress();
		return address == null || address.isPrefixed() ? null : address.toCanonicalString();
	}

	/** Why a record cannot be read; it goes to quarantine with this message. */
	static final class MalformedRecord extends RuntimeException {

		MalformedRecord(String message) {
			super(message, null, false, false);
		}

	}

}
