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
	void refusesHostileNestingWithAnErrorInsteadOfOverflowingTheStack() {
		var deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
		assertThatThrownBy(() -> RecordTree.parse(mapper, deep)).isInstanceOf(JacksonException.class)
			.hasMessageContaining("nesting");
		assertThatThrownBy(() -> RecordTree.parse(mapper, "[1]")).isInstanceOf(IllegalArgumentException.class);
	}

}
