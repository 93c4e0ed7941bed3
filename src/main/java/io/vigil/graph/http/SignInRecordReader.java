package io.vigil.graph.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddressString;
import io.vigil.graph.GraphSignIn;
import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.MalformedSignIn;
import io.vigil.graph.SignInEventType;
import io.vigil.graph.SignInPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code /beta/auditLogs/signIns} page. A page that is not JSON fails as a whole (it is fetched again); a
 * record that cannot be read is returned as {@link MalformedSignIn} with the error, and the rest of the page is kept.
 * Enums are read leniently as strings: Graph adds values over time and its own examples disagree on spelling.
 */
public final class SignInRecordReader {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final JsonMapper mapper;

	public SignInRecordReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public SignInPage read(byte[] body) {
		JsonNode root;
		try {
			root = mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new GraphUnavailable("Graph returned a sign-in page that is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
		var value = root.get("value");
		if (value == null || !value.isArray()) {
			throw new GraphUnavailable("Graph returned a sign-in page without a 'value' array", null);
		}
		var signIns = new ArrayList<GraphSignIn>(value.size());
		var malformed = new ArrayList<MalformedSignIn>();
		for (var element : value) {
			try {
				signIns.add(signIn(element));
			}
			catch (MalformedRecord ex) {
				malformed.add(new MalformedSignIn(element.isObject() ? text(element, "id") : null,
						mapper.writeValueAsString(element), ex.getMessage()));
			}
		}
		var nextLink = root.get("@odata.nextLink");
		return new SignInPage(signIns, malformed, nextLink == null || nextLink.isNull() ? null : nextLink.asString());
	}

	private GraphSignIn signIn(JsonNode node) {
		if (!node.isObject()) {
			throw new MalformedRecord("a sign-in must be a JSON object, got " + node.getNodeType());
		}
		var id = text(node, "id");
		if (id == null || id.isBlank()) {
			throw new MalformedRecord("the sign-in has no id");
		}
		var status = node.path("status");
		var location = node.path("location");
		return new GraphSignIn(id, createdDateTime(node), eventType(node), text(node, "userId"),
				text(node, "userPrincipalName"), text(node, "userDisplayName"), text(node, "appId"),
				text(node, "appDisplayName"), ipAddress(text(node, "ipAddress")), text(location, "countryOrRegion"),
				text(location, "city"), integer(node, "autonomousSystemNumber"), text(node, "userAgent"),
				text(node, "clientAppUsed"), integer(status, "errorCode"), text(status, "failureReason"),
				text(node, "conditionalAccessStatus"), text(node, "authenticationRequirement"),
				text(node, "riskLevelAggregated"), text(node, "riskLevelDuringSignIn"), text(node, "riskState"),
				text(node, "riskDetail"), json(normalize(node)));
	}

	/** The byte-oriented UTF-8 generator escapes far faster than the char-based one behind writeValueAsString. */
	private String json(JsonNode node) {
		return new String(mapper.writeValueAsBytes(node), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Instant createdDateTime(JsonNode node) {
		var value = text(node, "createdDateTime");
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

	/** Beta lists the type in signInEventTypes; records without it fall back to isInteractive. */
	private static SignInEventType eventType(JsonNode node) {
		var types = node.path("signInEventTypes");
		if (types.isArray() && !types.isEmpty()) {
			var name = types.get(0).asString();
			try {
				return SignInEventType.fromGraphName(name);
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedRecord("unsupported signInEventTypes value '" + name + "'");
			}
		}
		var interactive = node.get("isInteractive");
		if (interactive != null && interactive.isBoolean()) {
			return interactive.asBoolean() ? SignInEventType.INTERACTIVE_USER : SignInEventType.NON_INTERACTIVE_USER;
		}
		throw new MalformedRecord("the sign-in has neither signInEventTypes nor isInteractive");
	}

	/** Graph redacts some addresses (e.g. {@code 10.1.2.XXX} for CSP sign-ins); those keep no inet column. */
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

	private static @Nullable String text(JsonNode node, String field) {
		var value = node.get(field);
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		if (value.isContainer()) {
			throw new MalformedRecord("'" + field + "' must be a value, got " + value.getNodeType());
		}
		return value.asString();
	}

	private static @Nullable Integer integer(JsonNode node, String field) {
		var value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			return value.asInt();
		}
		if (value.isString() && value.asString().matches("-?\\d{1,9}")) {
			return Integer.valueOf(value.asString());
		}
		throw new MalformedRecord("'" + field + "' must be an integer, got '" + value + "'");
	}

	/**
	 * Drops nulls, empty arrays and empty objects, recursively and in place (the parsed tree is not needed
	 * otherwise, and a copy would double the allocation of the hottest step): smaller rows, same meaning.
	 */
	static JsonNode normalize(JsonNode node) {
		if (node instanceof ObjectNode object) {
			var fields = object.properties().iterator();
			while (fields.hasNext()) {
				if (isEmpty(normalize(fields.next().getValue()))) {
					fields.remove();
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = array.size() - 1; i >= 0; i--) {
				if (isEmpty(normalize(array.get(i)))) {
					array.remove(i);
				}
			}
		}
		return node;
	}

	private static boolean isEmpty(JsonNode node) {
		return node.isNull() || (node.isContainer() && node.isEmpty());
	}

	private static final class MalformedRecord extends RuntimeException {

		MalformedRecord(String message) {
			super(message, null, false, false);
		}

	}

}
