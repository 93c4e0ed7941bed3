package io.vigil.graph.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One pass over a sign-in record: copies it to normalized JSON (nulls, empty arrays and
 * empty objects dropped, recursively) and captures the fields Vigil stores in columns.
 * Containers are opened in the output only when something non-empty arrives inside them,
 * so an object whose members are all null or empty disappears with its name. No tree is
 * built: this is the hottest step of ingestion.
 */
final class RecordScanner {

	/** Fields that must be plain values; a container there makes the record malformed. */
	private static final Set<String> SCALARS = Set.of("id", "createdDateTime", "userId", "userPrincipalName",
			"userDisplayName", "appId", "appDisplayName", "ipAddress", "userAgent", "clientAppUsed",
			"conditionalAccessStatus", "authenticationRequirement", "riskLevelAggregated", "riskLevelDuringSignIn",
			"riskState", "riskDetail", "autonomousSystemNumber", "isInteractive");

	private final JsonMapper mapper;

	RecordScanner(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Reads the object the parser stands on (its START_OBJECT) up to its END_OBJECT. */
	ScannedRecord scan(JsonParser parser) {
		var fields = new CapturedFields();
		var out = new ByteArrayOutputStream(8192);
		var frames = new ArrayList<Frame>();
		try (var generator = mapper.createGenerator(out)) {
			frames.add(new Frame(null, false));
			String pending = null;
			while (!frames.isEmpty()) {
				var token = parser.nextToken();
				switch (token) {
					case PROPERTY_NAME -> pending = parser.currentName();
					case START_OBJECT, START_ARRAY -> {
						if (frames.size() == 1 && pending != null && SCALARS.contains(pending)) {
							fields.problem("'" + pending + "' must be a value, got "
									+ (token == JsonToken.START_OBJECT ? "OBJECT" : "ARRAY"));
						}
						frames.add(new Frame(pending, token == JsonToken.START_ARRAY));
						pending = null;
					}
					case END_OBJECT, END_ARRAY -> close(frames.removeLast(), generator);
					case VALUE_NULL -> pending = null;
					default -> {
						capture(frames, pending, parser, fields);
						open(frames, generator);
						if (pending != null) {
							generator.writeName(pending);
						}
						generator.copyCurrentEvent(parser);
						pending = null;
					}
				}
			}
		}
		return new ScannedRecord(fields, out.toString(StandardCharsets.UTF_8));
	}

	/**
	 * Writes the starts of the containers that have not been written yet, outermost
	 * first.
	 */
	private static void open(List<Frame> frames, JsonGenerator generator) {
		for (var frame : frames) {
			if (!frame.written) {
				if (frame.name != null) {
					generator.writeName(frame.name);
				}
				if (frame.array) {
					generator.writeStartArray();
				}
				else {
					generator.writeStartObject();
				}
				frame.written = true;
			}
		}
	}

	private static void close(Frame frame, JsonGenerator generator) {
		if (frame.written) {
			if (frame.array) {
				generator.writeEndArray();
			}
			else {
				generator.writeEndObject();
			}
		}
	}

	private static void capture(List<Frame> frames, @Nullable String name, JsonParser parser, CapturedFields fields) {
		if (frames.size() == 1 && name != null) {
			fields.top(name, parser);
		}
		else if (frames.size() == 2) {
			var parent = frames.get(1);
			if (parent.array && "signInEventTypes".equals(parent.name)) {
				fields.eventType(parser.getString());
			}
			else if (!parent.array && name != null) {
				fields.nested(parent.name, name, parser);
			}
		}
		else if (frames.size() == 3 && name != null && "geoCoordinates".equals(frames.get(2).name)
				&& "location".equals(frames.get(1).name)) {
			fields.coordinate(name, parser);
		}
	}

	/** An object or array being copied, and whether its start has been written. */
	private static final class Frame {

		final @Nullable String name;

		final boolean array;

		boolean written;

		Frame(@Nullable String name, boolean array) {
			this.name = name;
			this.array = array;
		}

	}

	record ScannedRecord(CapturedFields fields, String normalizedJson) {
	}

}
