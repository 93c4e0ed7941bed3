package io.vigil.graph.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vigil.graph.GraphSignIn;
import io.vigil.graph.GraphUnavailable;
import io.vigil.graph.MalformedSignIn;
import io.vigil.graph.RecordBytes;
import io.vigil.shared.MemberSelection;
import io.vigil.shared.RecordTree;
import io.vigil.graph.SignInPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code /beta/auditLogs/signIns} page in one streaming pass: each record once,
 * into the tree rules evaluate ({@link RecordTree}), its columns taken from that tree,
 * and its bytes kept as Graph sent them (what is stored). A page that is not JSON fails
 * as a whole (it is fetched again); a record that cannot be a sign-in is returned as
 * {@link MalformedSignIn} with its raw JSON and the error, and the rest of the page is
 * kept.
 */
public final class SignInRecordReader {

	private final JsonMapper mapper;

	public SignInRecordReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public SignInPage read(byte[] body) {
		return read(body, MemberSelection.ALL);
	}

	/**
	 * Reads a page, building each record's tree from the selected top-level members and
	 * those the columns come from.
	 */
	public SignInPage read(byte[] body, MemberSelection members) {
		var kept = members.with(CapturedFields.MEMBERS);
		var trees = new RecordTree(body.length);
		var signIns = new ArrayList<GraphSignIn>();
		var malformed = new ArrayList<MalformedSignIn>();
		String nextLink = null;
		var sawValue = false;
		try (var parser = mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new GraphUnavailable("Graph returned a sign-in page that is not a JSON object", null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				var token = parser.nextToken();
				if (name.equals("value") && token == JsonToken.START_ARRAY) {
					sawValue = true;
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						element(parser, body, trees, kept, signIns, malformed);
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
			throw new GraphUnavailable("Graph returned a sign-in page that is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
		if (!sawValue) {
			throw new GraphUnavailable("Graph returned a sign-in page without a 'value' array", null);
		}
		return new SignInPage(signIns, malformed, nextLink);
	}

	private void element(JsonParser parser, byte[] body, RecordTree trees, MemberSelection members,
			List<GraphSignIn> signIns, List<MalformedSignIn> malformed) {
		var start = parser.currentTokenLocation().getByteOffset();
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			var kind = kind(parser.currentToken());
			parser.skipChildren();
			malformed.add(new MalformedSignIn(null, raw(body, start, parser),
					"a sign-in must be a JSON object, got " + kind));
			return;
		}
		var fields = new CapturedFields(trees.read(parser, members));
		var record = new RecordBytes(body, (int) start, (int) (parser.currentLocation().getByteOffset() - start));
		try {
			signIns.add(fields.toSignIn(record));
		}
		catch (CapturedFields.MalformedRecord ex) {
			malformed.add(new MalformedSignIn(fields.id(), record.text(), ex.getMessage()));
		}
	}

	private static String raw(byte[] body, long start, JsonParser parser) {
		var end = parser.currentLocation().getByteOffset();
		return new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8);
	}

	private static @Nullable String kind(JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> "STRING";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
			case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
			case START_ARRAY -> "ARRAY";
			default -> token.name();
		};
	}

}
