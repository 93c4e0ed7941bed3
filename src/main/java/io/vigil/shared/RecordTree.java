package io.vigil.shared;

import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Graph records (JSON objects) into the form rules evaluate: maps and lists, with
 * nulls, empty arrays and empty objects dropped, recursively, so that a field Graph sent
 * as {@code null} or {@code []} and one it left out look the same to a rule. Numbers are
 * {@link Integer}, {@link Long} or {@link java.math.BigInteger}, and {@link Double}, as
 * Jackson reads untyped JSON. Built straight from the parser's tokens: the reader of a
 * Graph page builds the trees while it passes over the records, so a record is parsed
 * once. Nesting is bounded by the parser's read constraints.
 * <p>
 * The maps and lists are immutable and compact ({@link RecordObject},
 * {@link RecordArray}), and one reader shares the short texts its records repeat (policy
 * names, results, app names, user agents): a replica holds a few pages of trees between
 * reading them and detection, and a tree is then about half the memory. A reader serves
 * one thread (one page) at a time.
 */
public final class RecordTree {

	/** Null for a single record, which repeats little. */
	private final @Nullable SharedTexts texts;

	/** Members and elements of the objects and arrays being read, innermost last. */
	private Object[] pending = new Object[128];

	private int top;

	/**
	 * A reader of many records (a page), sharing the texts they repeat.
	 * @param pageBytes the size of the page
	 */
	public RecordTree(int pageBytes) {
		this.texts = new SharedTexts(pageBytes);
	}

	private RecordTree() {
		this.texts = null;
	}

	/**
	 * Reads the object the parser stands on (its START_OBJECT) up to its END_OBJECT.
	 */
	public Map<String, Object> read(JsonParser parser) {
		return read(parser, MemberSelection.ALL);
	}

	/**
	 * As {@link #read(JsonParser)}, keeping only the selected top-level members (each
	 * whole); the parser skips the others without building anything.
	 */
	public Map<String, Object> read(JsonParser parser, MemberSelection members) {
		var object = object(parser, members);
		return object == null ? Map.of() : object;
	}

	/**
	 * Whether the tree read its member {@code name}, so that its absence means the record
	 * has none: false only for a member a {@link MemberSelection} left out.
	 */
	public static boolean holds(Map<String, ?> tree, String name) {
		return !(tree instanceof RecordObject object) || object.members().includes(name);
	}

	/** Whether the tree holds every member of its record (read without a selection). */
	public static boolean whole(Map<String, ?> tree) {
		return !(tree instanceof RecordObject object) || object.members().all();
	}

	/** Parses a whole record; it must be a JSON object. */
	public static Map<String, Object> parse(JsonMapper mapper, String json) {
		try (var parser = mapper.createParser(json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("A record must be a JSON object");
			}
			return new RecordTree().read(parser);
		}
	}

	/**
	 * The object's selected members, or null when none is left of a whole object (an
	 * object read in part is kept even empty: it knows what it left out).
	 */
	private @Nullable RecordObject object(JsonParser parser, MemberSelection members) {
		var base = top;
		String name;
		while ((name = parser.nextName()) != null) {
			var token = parser.nextToken();
			if (!members.includes(name)) {
				parser.skipChildren();
				continue;
			}
			var value = value(parser, token);
			if (value != null) {
				push(name);
				push(value);
			}
		}
		if (top == base && members.all()) {
			return null;
		}
		var object = RecordObject.of(pending, base, top, members);
		release(base);
		return object;
	}

	/** The array's elements, or null when none is left. */
	private @Nullable RecordArray array(JsonParser parser) {
		var base = top;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			var value = value(parser, token);
			if (value != null) {
				push(value);
			}
		}
		if (top == base) {
			return null;
		}
		var array = new RecordArray(Arrays.copyOfRange(pending, base, top));
		release(base);
		return array;
	}

	private @Nullable Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> object(parser, MemberSelection.ALL);
			case START_ARRAY -> array(parser);
			case VALUE_STRING -> text(parser);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new IllegalStateException("Unexpected " + token + " in a JSON record");
		};
	}

	/** The string value the parser stands on, the one read before if it is the same. */
	private String text(JsonParser parser) {
		var chars = parser.getStringCharacters();
		var offset = parser.getStringOffset();
		var length = parser.getStringLength();
		return texts == null ? new String(chars, offset, length) : texts.text(chars, offset, length);
	}

	private void push(Object item) {
		if (top == pending.length) {
			pending = Arrays.copyOf(pending, pending.length * 2);
		}
		pending[top++] = item;
	}

	/** Drops what was pending from {@code base} on: it belongs to the finished node. */
	private void release(int base) {
		Arrays.fill(pending, base, top, null);
		top = base;
	}

}
