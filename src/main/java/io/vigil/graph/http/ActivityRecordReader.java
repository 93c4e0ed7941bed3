package io.vigil.graph.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddressString;
import io.vigil.graph.ActivityPage;
import io.vigil.graph.ActivitySource;
import io.vigil.graph.GraphActivity;
import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.MalformedSignIn;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a page of {@code /v1.0/auditLogs/directoryAudits} or
 * {@code /v1.0/identityProtection/riskDetections}. These logs are far smaller than the
 * sign-in log, so each record becomes a tree; a page that is not JSON fails as a whole
 * (it is fetched again), a record that cannot be read is returned as
 * {@link MalformedSignIn} with its raw JSON and the error, and the rest of the page is
 * kept.
 */
public final class ActivityRecordReader {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final JsonMapper mapper;

	/** Reads one record of the page at a time: more of the page follows it. */
	private final tools.jackson.databind.ObjectReader recordReader;

	public ActivityRecordReader(JsonMapper mapper) {
		this.mapper = mapper;
		this.recordReader = mapper.readerFor(JsonNode.class)
			.without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	public ActivityPage read(ActivitySource source, byte[] body) {
		var records = new ArrayList<GraphActivity>();
		var malformed = new ArrayList<MalformedSignIn>();
		String nextLink = null;
		var sawValue = false;
		try (var parser = mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new GraphUnavailable("Graph returned a " + source.label() + " page that is not a JSON object",
						null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				var token = parser.nextToken();
				if (name.equals("value") && token == JsonToken.START_ARRAY) {
					sawValue = true;
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						element(source, parser, body, records, malformed);
					}
				}
				else if (name.equals("@odata.nextLink") && token == JsonToken.VALUE_STRING) {
					nextLink = parser.getString();
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw new GraphUnavailable(
					"Graph returned a " + source.label() + " page that is not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!sawValue) {
			throw new GraphUnavailable("Graph returned a " + source.label() + " page without a 'value' array", null);
		}
		return new ActivityPage(records, malformed, nextLink);
	}

	private void element(ActivitySource source, JsonParser parser, byte[] body, List<GraphActivity> records,
			List<MalformedSignIn> malformed) {
		var start = parser.currentTokenLocation().getByteOffset();
		JsonNode tree = recordReader.readValue(parser);
		var raw = new String(body, (int) start, (int) (parser.currentLocation().getByteOffset() - start),
				StandardCharsets.UTF_8);
		if (!(tree instanceof ObjectNode object)) {
			malformed.add(new MalformedSignIn(null, raw, "a record must be a JSON object, got " + tree.getNodeType()));
			return;
		}
		try {
			records.add(switch (source) {
				case DIRECTORY_AUDITS -> audit(object);
				case RISK_DETECTIONS -> riskDetection(object);
			});
		}
		catch (Malformed ex) {
			var id = object.get("id");
			malformed
				.add(new MalformedSignIn(id != null && id.isString() ? id.asString() : null, raw, ex.getMessage()));
		}
	}

	private GraphActivity audit(ObjectNode record) {
		var id = required(record, "id");
		var at = time(record, "activityDateTime");
		var activity = required(record, "activityDisplayName");
		var user = record.path("initiatedBy").path("user");
		var app = record.path("initiatedBy").path("app");
		var accounts = new LinkedHashSet<String>();
		var actor = text(user, "id");
		if (actor != null) {
			accounts.add(actor);
		}
		if (record.get("targetResources") instanceof ArrayNode targets) {
			for (var target : targets) {
				if ("User".equalsIgnoreCase(text(target, "type")) && text(target, "id") != null) {
					accounts.add(text(target, "id"));
				}
			}
		}
		return new GraphActivity(ActivitySource.DIRECTORY_AUDITS, id, at, activity, text(record, "category"),
				text(record, "result"), actor, text(user, "userPrincipalName"), appName(app),
				ip(text(user, "ipAddress")), List.copyOf(accounts), normalized(record));
	}

	private GraphActivity riskDetection(ObjectNode record) {
		var id = required(record, "id");
		var at = record.hasNonNull("detectedDateTime") ? time(record, "detectedDateTime")
				: time(record, "activityDateTime");
		var type = required(record, "riskEventType");
		var user = text(record, "userId");
		return new GraphActivity(ActivitySource.RISK_DETECTIONS, id, at, type, text(record, "activity"),
				text(record, "riskLevel"), user, text(record, "userPrincipalName"), null, ip(text(record, "ipAddress")),
				user == null ? List.of() : List.of(user), normalized(record));
	}

	private static @Nullable String appName(JsonNode app) {
		var name = text(app, "displayName");
		return name != null ? name : text(app, "appId");
	}

	private static String required(JsonNode record, String field) {
		var value = record.get(field);
		if (value == null || value.isNull()) {
			throw new Malformed("the record has no " + field);
		}
		if (!value.isString() || value.asString().isBlank()) {
			throw new Malformed("'" + field + "' must be a non-empty string, got " + value.getNodeType());
		}
		return value.asString();
	}

	private static Instant time(JsonNode record, String field) {
		var value = required(record, field);
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Malformed(field + " is not a timestamp: '" + value + "'");
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		var value = node.get(field);
		return value != null && value.isValueNode() && !value.isNull() && !value.asString().isEmpty() ? value.asString()
				: null;
	}

	private static @Nullable String ip(@Nullable String value) {
		if (value == null || (!value.contains(":") && !IPV4.matcher(value).matches())) {
			return null;
		}
		var address = new IPAddressString(value).getAddress();
		return address == null || address.isPrefixed() ? null : address.toCanonicalString();
	}

	/** The record without nulls, empty strings' containers, empty arrays or objects. */
	private String normalized(ObjectNode record) {
		return mapper.writeValueAsString(prune(record.deepCopy()));
	}

	private static JsonNode prune(JsonNode node) {
		if (node instanceof ObjectNode object) {
			var names = new ArrayList<String>(object.propertyNames());
			for (var name : names) {
				var child = prune(object.get(name));
				if (child.isNull() || (child.isContainer() && child.isEmpty())) {
					object.remove(name);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = array.size() - 1; i >= 0; i--) {
				var child = prune(array.get(i));
				if (child.isNull() || (child.isContainer() && child.isEmpty())) {
					array.remove(i);
				}
			}
		}
		return node;
	}

	private static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message, null, false, false);
		}

	}

}
