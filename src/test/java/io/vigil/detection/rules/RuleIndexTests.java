package io.vigil.detection.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.RuleMatch;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.detection.sigma.Placeholders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule index changes how many rules are evaluated, never the result. */
class RuleIndexTests {

	@Test
	void theIndexedBookMatchesExactlyWhatEveryRuleMatches() {
		var library = RuleLibrary.defaults(CloudflareNetworks::snapshot);
		library.addSigma("generated.yml", new StringReader(DetectionBenchmark.generatedRules(193)));
		var book = library.ruleBook(Placeholders.NONE);
		var events = new ArrayList<Map<String, Object>>(DetectionBenchmark.signIns(DetectionBenchmark.EVENTS));
		library.catalogue().forEach(metadata -> {
			events.addAll(metadata.matchingEvents());
			events.addAll(metadata.otherEvents());
		});
		events.add(Map.of("status", Map.of("errorCode", 50053), "authenticationRequirement",
				"SINGLEFACTORAUTHENTICATION"));
		events.add(Map.of("status", Map.of("errorCode", 0), "location", Map.of("countryOrRegion", "kp")));
		events.add(Map.of("riskLevelDuringSignIn", "High", "deviceDetail", Map.of("operatingSystem", "os7 x")));
		for (var address : List.of("198.51.2.9", "198.51.10.1", "2001:db8:a::1", "2001:db8:12::5", "::ffff:198.51.2.9",
				"10.0.0.1")) {
			events.add(Map.of("status", Map.of("errorCode", 0), "ipAddress", address));
		}
		for (var agent : List.of("x TOOL8 y", "tool16", "python-requests/2.6.0", "Python-Requests/2.6.1",
				"python-requests/2.14.1", "to", "")) {
			events.add(Map.of("userAgent", agent, "userPrincipalName", "a@VENDOR4.example"));
		}
		int matched = 0;
		for (var record : events) {
			var indexed = ids(book.evaluate(new SignInEvent(record)));
			var everyRule = book.rules()
				.stream()
				.filter(rule -> rule.matches(new SignInEvent(record)))
				.map(rule -> rule.metadata().id())
				.toList();
			assertThat(indexed).as(record.toString()).isEqualTo(everyRule);
			matched += indexed.size();
		}
		assertThat(matched).as("the comparison covers matches").isGreaterThan(100);
	}

	@Test
	void rulesWithoutARequirementAreAlwaysEvaluated() {
		var library = RuleLibrary.empty();
		library.addSigma("r.yml", new StringReader("""
				title: Not from the Netherlands
				id: 1
				detection:
				  known:
				    location.countryOrRegion: NL
				  condition: not known
				---
				title: Either
				id: 2
				detection:
				  a:
				    userAgent: curl
				  b:
				    clientAppUsed: IMAP4
				  condition: 1 of them
				"""));
		var book = library.ruleBook(Placeholders.NONE);
		assertThat(ids(book.evaluate(new SignInEvent(Map.of("location", Map.of("countryOrRegion", "BE"))))))
			.containsExactly("1");
		assertThat(ids(book.evaluate(new SignInEvent(Map.of("clientAppUsed", "imap4"))))).containsExactly("1", "2");
	}

	private static List<String> ids(List<RuleMatch> matches) {
		return matches.stream().map(match -> match.metadata().id()).toList();
	}

}
