package io.vigil.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Graph record (a JSON object) as maps and lists, the form rules evaluate: nulls, empty
 * arrays and empty objects are dropped, recursively, so that a field Graph sent as
 * {@code null} or {@code []} and one it left out look the same to a rule. Numbers are
 * {@link Integer}, {@link Long} or {@link java.math.BigInteger}, and {@link Double}, as
 * Jackson reads untyped JSON. Built straight from the parser's tokens: the reader of a
 * Graph page builds it while it passes over each record, so a record is parsed once.
 * Nesting is bounded by the parser's read constraints.
 */
public final class RecordTree {

	private RecordTree() {
	}

	/**
	 * Reads the object the parser stands on (its START_OBJECT) up to its END_OBJECT.
	 */
	public static Map<String, Object> read(JsonParser parser) {
		var object = object(parser);
		return object == null ? new LinkedHashMap<>() : object;
	}

	/** Parses a whole record; it must be a JSON object. */
	public static Map<String, Object> parse(JsonMapper mapper, String json) {
		try (var parser = mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("A record must be a JSON object");
			}
			return read(parser);
		}
	}

	/** The object's members, or null when none is left. */
	private static @Nullable Map<String, Object> object(JsonParser parser) {
		Map<String, Object> members = null;
		String name;
		while ((name = parser.nextName()) != null) {
			var value = value(parser, parser.nextToken());
			if (value != null) {
				if (members == null) {
					members = new LinkedHashMap<>();
				}
				members.put(name, value);
			}
		}
		return members;
	}

	/** The array's elements, or null when none is left. */
	private static @Nullable List<Object> array(JsonParser parser) {
		List<Object> elements = null;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			var value = value(parser, token);
			if (value != null) {
				if (elements == null) {
					elements = new ArrayList<>();
				}
				elements.add(value);
			}
		}
		return elements;
	}

	private static @Nullable Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> object(parser);
			case START_ARRAY -> array(parser);
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new IllegalStateException("Unexpected " + token + " in a JSON record");
		};
	}

}
