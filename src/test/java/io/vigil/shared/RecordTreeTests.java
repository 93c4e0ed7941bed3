package io.vigil.shared;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordTreeTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void dropsNullsAndEmptyValuesRecursively() {
		var tree = RecordTree.parse(mapper, """
				{"id":"a","mfaDetail":null,"riskEventTypes_v2":[],"deviceDetail":{"deviceId":null,"trustType":{}},
				 "status":{"errorCode":0,"additionalDetails":null},"policies":[null,{},[],{"id":"p","result":null}],
				 "empty":"","flag":false}""");
		assertThat(tree).containsOnlyKeys("id", "status", "policies", "empty", "flag")
			.containsEntry("status", Map.of("errorCode", 0))
			.containsEntry("policies", List.of(Map.of("id", "p")))
			.containsEntry("empty", "")
			.containsEntry("flag", false);
	}

	@Test
	void aSelectionKeepsItsMembersWholeAndSkipsTheOthersWhateverTheyHold() {
		var json = """
				{"id":"a","skipped":{"deep":[{"x":[1,2,{"y":"}"}]}],"s":"]"},"status":{"errorCode":50126,
				 "failureReason":"Invalid"},"list":[1,[2,[3]]],"text":"{[","ipAddress":"203.0.113.9","n":null}""";
		Map<String, Object> tree;
		try (var parser = mapper.createParser(json)) {
			parser.nextToken();
			tree = new RecordTree(json.length()).read(parser, MemberSelection.of(List.of("id", "status", "n", "gone")));
			assertThat(parser.currentToken()).as("the parser ends on the record's end")
				.isEqualTo(tools.jackson.core.JsonToken.END_OBJECT);
			assertThat(parser.nextToken()).isNull();
		}
		assertThat(tree.get("id")).isEqualTo("a");
		assertThat(tree.get("status")).isEqualTo(Map.of("errorCode", 50126, "failureReason", "Invalid"));
		assertThat(tree.size()).isEqualTo(2);
		assertThat(tree.get("ipAddress")).as("left out: no value").isNull();
		assertThat(RecordTree.holds(tree, "ipAddress")).as("and the tree says so").isFalse();
		assertThat(RecordTree.holds(tree, "gone")).as("selected, absent from the record").isTrue();
		assertThat(RecordTree.holds(tree, "n")).as("selected, null in the record").isTrue();
		assertThat(RecordTree.holds(RecordTree.parse(mapper, json), "ipAddress")).isTrue();
		assertThat(RecordTree.whole(tree)).isFalse();
		assertThat(RecordTree.whole(RecordTree.parse(mapper, json))).isTrue();
		assertThatThrownBy(tree::entrySet).as("listing a record read in part would be a lie")
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> tree.forEach((name, value) -> {
		})).isInstanceOf(IllegalStateException.class);
		assertThat(tree.toString()).isEqualTo("a record read in part, 2 members");
	}

	@Test
	void aSelectionOfNothingReadsAnEmptyRecordThatStillKnowsItIsPartial() {
		var json = "{\"id\":\"a\"}";
		try (var parser = mapper.createParser(json)) {
			parser.nextToken();
			var tree = new RecordTree(json.length()).read(parser, MemberSelection.of(List.of()));
			assertThat(tree.size()).isZero();
			assertThat(RecordTree.holds(tree, "id")).isFalse();
		}
		try (var parser = mapper.createParser(json)) {
			parser.nextToken();
			assertThat(new RecordTree(json.length()).read(parser, MemberSelection.ALL)).isEqualTo(Map.of("id", "a"));
		}
	}

	@Test
	void readsNumbersAsJacksonDoes() {
		var tree = RecordTree.parse(mapper,
				"{\"small\":13335,\"large\":5000000000,\"huge\":123456789012345678901234567890,\"lat\":52.37}");
		assertThat(tree.get("small")).isEqualTo(13335);
		assertThat(tree.get("large")).isEqualTo(5_000_000_000L);
		assertThat(tree.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
		assertThat(tree.get("lat")).isEqualTo(52.37);
	}

	@Test
	void readsTheSameTreeAsJacksonWhenThereIsNothingToDrop() {
		var json = """
				{"id":"b","location":{"city":"Redmond","geoCoordinates":{"latitude":47.6,"longitude":-122.1}},
				 "appliedConditionalAccessPolicies":[{"id":"1","enforcedGrantControls":["Mfa","Block"]}]}""";
		assertThat(RecordTree.parse(mapper, json)).isEqualTo(mapper.readValue(json, Map.class));
	}

	@Test
	void aRecordReadsAsJacksonReadsItWithDuplicatesAndLargeObjects() {
		var members = new StringBuilder("{");
		for (int i = 0; i < 40; i++) {
			members.append("\"m").append(i).append("\":").append(i).append(',');
		}
		var json = members + "\"m7\":\"again\",\"m30\":[\"x\",{\"m30\":1}]}";
		var tree = RecordTree.parse(mapper, json);
		assertThat(tree).isEqualTo(mapper.readValue(json, Map.class)).hasSize(40);
		assertThat(tree.keySet()).as("members in the order first read").startsWith("m0", "m1", "m2").endsWith("m39");
		assertThat(tree.get("m7")).as("the last value of a name given twice").isEqualTo("again");
		assertThat(tree.get("m40")).isNull();
		assertThat(tree.get(7)).isNull();
		assertThat(tree.containsKey("m39")).isTrue();
		assertThatThrownBy(() -> tree.put("m41", 1)).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void recordsOfOnePageShareTheTextsTheyRepeatAndStayEqual() {
		var trees = new RecordTree(8192);
		var first = read(trees,
				"{\"result\":\"notApplied\",\"app\":\"Office 365\",\"ua\":\"%s\"}".formatted("x".repeat(300)));
		var second = read(trees,
				"{\"result\":\"notApplied\",\"app\":\"Office 366\",\"ua\":\"%s\"}".formatted("x".repeat(300)));
		assertThat(second.get("result")).isSameAs(first.get("result"));
		assertThat(second.get("app")).isEqualTo("Office 366").isNotSameAs(first.get("app"));
		assertThat(second.get("ua")).as("long texts are not looked up")
			.isEqualTo(first.get("ua"))
			.isNotSameAs(first.get("ua"));
	}

	private Map<String, Object> read(RecordTree trees, String json) {
		try (var parser = mapper.createParser(json)) {
			parser.nextToken();
			return trees.read(parser);
		}
	}

	@Test
	void refusesHostileNestingWithAnErrorInsteadOfOverflowingTheStack() {
		var deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
		assertThatThrownBy(() -> RecordTree.parse(mapper, deep)).isInstanceOf(JacksonException.class)
			.hasMessageContaining("nesting");
		assertThatThrownBy(() -> RecordTree.parse(mapper, "[1]")).isInstanceOf(IllegalArgumentException.class);
	}

}
