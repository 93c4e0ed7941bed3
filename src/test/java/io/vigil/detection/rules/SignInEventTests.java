package io.vigil.detection.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.vigil.shared.MemberSelection;
import io.vigil.shared.RecordTree;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in event over a tree of some members: never takes a member left out for absent.
 */
class SignInEventTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RECORD = """
			{"id":"s-1","ipAddress":"203.0.113.9","riskState":"atRisk","status":{"errorCode":0},
			 "appliedConditionalAccessPolicies":[{"displayName":"Require MFA","result":"success"}]}""";

	@Test
	void aMemberTheTreeReadIsAnsweredFromIt() {
		var parses = new AtomicInteger();
		var event = event(List.of("id", "ipAddress", "status", "mfaDetail"), parses);

		assertThat(event.id()).isEqualTo("s-1");
		assertThat(event.successful()).isTrue();
		assertThat(event.address()).hasToString("203.0.113.9");
		assertThat(event.member("mfaDetail")).as("selected and absent: absent").isNull();
		assertThat(parses).hasValue(0);
		assertThat(event.parsedWhole()).isFalse();
	}

	@Test
	void aMemberTheTreeLeftOutIsReadFromTheWholeRecordOnce() {
		var parses = new AtomicInteger();
		var event = event(List.of("id"), parses);

		assertThat(event.member("riskState")).isEqualTo("atRisk");
		assertThat(event.text("ipAddress")).isEqualTo("203.0.113.9");
		assertThat(event.member("appliedConditionalAccessPolicies"))
			.isEqualTo(List.of(Map.of("displayName", "Require MFA", "result", "success")));
		assertThat(event.parsedWhole()).isTrue();
		assertThat(parses).as("parsed once").hasValue(1);
	}

	@Test
	void keywordsSearchTheWholeRecord() {
		var parses = new AtomicInteger();
		var event = event(List.of("id"), parses);

		assertThat(event.texts()).contains("Require MFA", "atRisk");
		assertThat(event.record()).containsKey("riskState");
	}

	private static SignInEvent event(List<String> members, AtomicInteger parses) {
		Map<String, Object> tree;
		try (var parser = JSON.createParser(RECORD)) {
			parser.nextToken();
			tree = new RecordTree(RECORD.length()).read(parser, MemberSelection.of(members));
		}
		return new SignInEvent(tree, () -> {
			parses.incrementAndGet();
			return RecordTree.parse(JSON, RECORD);
		});
	}

}
