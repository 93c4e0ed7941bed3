package io.vigil.detection;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.EventSource;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.detection.sigma.SigmaException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every rule Vigil ships runs, carries complete metadata, and passes its own test events.
 */
class ShippedRulesTests {

	private final RuleLibrary library = RuleLibrary.defaults(CloudflareNetworks::snapshot);

	private final RuleBook book = library.ruleBook(Placeholders.NONE);

	@TestFactory
	Stream<DynamicTest> everyRulePassesItsTestEvents() {
		return book.allRules().stream().map(rule -> DynamicTest.dynamicTest(rule.metadata().id(), () -> {
			var metadata = rule.metadata();
			assertThat(metadata.matchingEvents()).as("events that must match").isNotEmpty();
			assertThat(metadata.otherEvents()).as("events that must not match").isNotEmpty();
			for (var event : metadata.matchingEvents()) {
				assertThat(rule.matches(new SignInEvent(event))).as("must match " + event).isTrue();
				if (book.rules().contains(rule)) {
					assertThat(book.evaluate(new SignInEvent(event))).extracting(m -> m.metadata().id())
						.contains(metadata.id());
				}
			}
			for (var event : metadata.otherEvents()) {
				assertThat(rule.matches(new SignInEvent(event))).as("must not match " + event).isFalse();
			}
		}));
	}

	@Test
	void everyShippedRuleIsReadyWithCompleteMetadata() {
		assertThat(book.statuses()).allSatisfy(status -> assertThat(status.state()).isEqualTo(RuleStatus.State.READY));
		assertThat(book.allRules()).extracting(rule -> rule.metadata().id())
			.containsExactly("RULE-1143", "RULE-1206", "ea1a07f0-3dac-47a2-aeb4-86f5379ba2b4",
					"e40f4962-b02b-4192-9bfe-245f7ece1f99", "7570c8d8-1763-4c01-aead-14434b91d401",
					"9bcebe06-04d6-44ef-884a-9c9d0a98f32f", "03c726a6-51eb-4192-83a1-abf456fa6b2a",
					"35b781cc-1a08-4a5a-80af-42fd7c315c6b", "9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a");
		assertThat(book.rules(EventSource.DIRECTORY_AUDITS)).extracting(rule -> rule.metadata().id())
			.containsExactly("9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a");
		for (var rule : book.allRules()) {
			var metadata = rule.metadata();
			assertThat(metadata.title()).isNotBlank();
			assertThat(metadata.description()).isNotBlank();
			assertThat(metadata.techniques()).isNotEmpty().allMatch(t -> t.matches("T\\d{4}(\\.\\d{3})?"));
			assertThat(metadata.tactics()).isNotEmpty();
			assertThat(metadata.falsePositives()).isNotEmpty();
			assertThat(metadata.references()).isNotEmpty();
			assertThat(metadata.checklist()).isNotEmpty();
			if (metadata.origin() == RuleMetadata.Origin.SIGMA) {
				assertThat(metadata.attribution()).as(metadata.id()).contains("SigmaHQ", "Detection Rule License 1.1");
			}
		}
	}

	@Test
	void checklistStepsLeadToStepsThatExist() {
		for (var metadata : library.catalogue()) {
			var ids = metadata.checklist().stream().map(ChecklistStep::id).toList();
			assertThat(ids).doesNotHaveDuplicates();
			for (var step : metadata.checklist()) {
				if (step.next() != null) {
					assertThat(ids).as(metadata.id() + " " + step.id()).contains(step.next());
				}
				step.answers().forEach(answer -> assertThat(ids).contains(answer.next()));
			}
		}
	}

	@Test
	void rule1143MetadataFollowsTheProductBrief() {
		var metadata = library.catalogue().getFirst();
		assertThat(metadata.id()).isEqualTo("RULE-1143");
		assertThat(metadata.origin()).isEqualTo(RuleMetadata.Origin.BUILT_IN);
		assertThat(metadata.severity()).isEqualTo(Severity.HIGH);
		assertThat(metadata.techniques()).containsExactly("T1557", "T1539");
		assertThat(metadata.dedup()).containsExactly(DedupField.ACCOUNT);
		assertThat(metadata.checklist().getFirst().answers()).extracting(ChecklistStep.Answer::next)
			.containsExactly("block", "cloudflare-usage");
	}

	@Test
	void aBrokenUploadAddsNothing() {
		var yaml = """
				title: good
				id: 11111111-1111-1111-1111-111111111111
				detection:
				  s:
				    userAgent: a
				  condition: s
				---
				title: bad
				id: 22222222-2222-2222-2222-222222222222
				detection:
				  s:
				    userAgent|nope: a
				  condition: s
				""";
		var before = library.catalogue().size();
		assertThatExceptionOfType(SigmaException.class)
			.isThrownBy(() -> library.addSigma("upload.yml", new StringReader(yaml)))
			.withMessageStartingWith("upload.yml:12: unknown modifier 'nope'");
		assertThat(library.catalogue()).hasSize(before);
	}

	@Test
	void theAxiosRuleMatchesExactlyAxiosUserAgents() {
		var axios = book.rules().stream().filter(r -> r.metadata().title().contains("Axios")).findFirst().orElseThrow();
		assertThat(axios.matches(new SignInEvent(Map.of("userAgent", "axios/1.7.9")))).isTrue();
		assertThat(axios.matches(new SignInEvent(Map.of("userAgent", "Mozilla/5.0 (compatible; Axios)")))).isTrue();
		for (var other : List.of("python-requests/2.31", "Mozilla/5.0 Chrome/131", "axi os")) {
			assertThat(axios.matches(new SignInEvent(Map.of("userAgent", other)))).as(other).isFalse();
		}
		assertThat(axios.matches(new SignInEvent(Map.of("id", "no user agent")))).isFalse();
	}

}
