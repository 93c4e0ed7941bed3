package io.vigil.detection.sigma;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sigma correlation rules: read as the specification writes them (errors name file and
 * line), and evaluated over a group's matches in windows of their time span, cases built
 * from the specification's examples and other engines' tests (pySigma's, sigma-rust's).
 */
class SigmaCorrelationTests {

	private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");

	private static final String BASE = """
			title: Failed logon
			name: failed_logon
			logsource: { product: azure, service: signinlogs }
			detection:
			  selection: { ResultType: 50126 }
			  condition: selection
			---
			""";

	@Test
	void readsEachTypeWithItsParts() {
		var documents = parse(BASE + """
				title: Many failed logons
				id: 0e95725d-7320-415d-80f7-004da920fc11
				correlation:
				  type: event_count
				  rules: [failed_logon]
				  group-by: [TargetUserName, IPAddress]
				  timespan: 5m
				  condition: { gte: 10 }
				level: high
				""");
		assertThat(documents.rules()).hasSize(1);
		var correlation = documents.correlations().getFirst();
		assertThat(correlation.type()).isEqualTo(SigmaCorrelation.Type.EVENT_COUNT);
		assertThat(correlation.rules()).containsExactly("failed_logon");
		assertThat(correlation.groupBy()).containsExactly("TargetUserName", "IPAddress");
		assertThat(correlation.timespan()).isEqualTo(Duration.ofMinutes(5));
		assertThat(correlation.condition().holds(10)).isTrue();
		assertThat(correlation.condition().holds(9)).isFalse();
		assertThat(correlation.generate()).isFalse();
		assertThat(correlation.line()).isEqualTo(8);
	}

	@Test
	void mistakesNameTheFileAndLine() {
		assertError("""
				title: x
				correlation:
				  type: event_sum
				  rules: [a]
				  timespan: 5m
				""", 3, "unknown correlation type 'event_sum'");
		assertError("""
				title: x
				correlation:
				  type: event_count
				  rules: [a]
				  timespan: five minutes
				  condition: { gte: 3 }
				""", 5, "is not a number followed by s, m, h, d or w");
		assertError("""
				title: x
				correlation:
				  type: event_count
				  rules: [a]
				  timespan: 5m
				  condition: { lt: 3 }
				""", 6, "needs a lower bound");
		assertError("""
				title: x
				correlation:
				  type: value_count
				  rules: [a]
				  timespan: 5m
				  condition: { gte: 3 }
				""", 6, "value_count needs the field it counts");
		assertError("""
				title: x
				correlation:
				  type: temporal
				  rules: [a]
				  timespan: 5m
				""", 4, "temporal needs two rules or more");
		assertError("""
				title: x
				correlation:
				  type: event_count
				  rules: [a]
				  timespan: 400d
				  condition: { gte: 3 }
				""", 5, "at most 30d");
		assertError("""
				title: x
				correlation:
				  type: event_count
				  rules: [a]
				  timespan: 1h
				  condition: { gte: ten }
				""", 6, "'ten' is not a count");
	}

	@Test
	void eventCountHoldsInAWindowOfTheSpanOnly() {
		var correlation = correlation(SigmaCorrelation.Type.EVENT_COUNT,
				new SigmaCorrelation.Condition(3, Long.MAX_VALUE), Duration.ofMinutes(5));
		// three matches within five minutes: holds; spread over ten: does not
		var close = List.of(match(1, 0, "a"), match(2, 60, "a"), match(3, 240, "a"));
		assertThat(CorrelationWindows.find(correlation, List.of("a"), close, Set.of(3L))).hasSize(3);
		var spread = List.of(match(1, 0, "a"), match(2, 300, "a"), match(3, 600, "a"));
		assertThat(CorrelationWindows.find(correlation, List.of("a"), spread, Set.of(3L))).isEmpty();
	}

	@Test
	void aWindowCompletedByThisPageCountsEarlierPagesToo() {
		var correlation = correlation(SigmaCorrelation.Type.EVENT_COUNT,
				new SigmaCorrelation.Condition(3, Long.MAX_VALUE), Duration.ofMinutes(5));
		var matches = List.of(match(1, 0, "a"), match(2, 60, "a"), match(3, 120, "a"));
		assertThat(CorrelationWindows.find(correlation, List.of("a"), matches, Set.of(3L)))
			.extracting(CorrelationWindows.Match::id)
			.containsExactly(1L, 2L, 3L);
		assertThat(CorrelationWindows.find(correlation, List.of("a"), matches, Set.of()))
			.as("nothing new: already raised when it was")
			.isEmpty();
	}

	@Test
	void aRangeHoldsInSomeWindowWithinItsBounds() {
		var correlation = correlation(SigmaCorrelation.Type.EVENT_COUNT, new SigmaCorrelation.Condition(2, 3),
				Duration.ofMinutes(5));
		var four = List.of(match(1, 0, "a"), match(2, 10, "a"), match(3, 20, "a"), match(4, 30, "a"));
		assertThat(CorrelationWindows.find(correlation, List.of("a"), four, Set.of(4L))).hasSize(3);
	}

	@Test
	void valueCountCountsDistinctValues() {
		var correlation = new SigmaCorrelation("f", 1, "id", null, "t", null, SigmaCorrelation.Type.VALUE_COUNT,
				List.of("a"), List.of(), Duration.ofHours(1), new SigmaCorrelation.Condition(3, Long.MAX_VALUE), "User",
				false, java.util.Map.of());
		var sameUser = new ArrayList<CorrelationWindows.Match>();
		for (int i = 0; i < 10; i++) {
			sameUser.add(new CorrelationWindows.Match(i, T.plusSeconds(i), "a", "adele"));
		}
		assertThat(CorrelationWindows.find(correlation, List.of("a"), sameUser, Set.of(9L))).isEmpty();
		var users = List.of(new CorrelationWindows.Match(1, T, "a", "adele"),
				new CorrelationWindows.Match(2, T.plusSeconds(5), "a", "bob"),
				new CorrelationWindows.Match(3, T.plusSeconds(9), "a", "carol"));
		assertThat(CorrelationWindows.find(correlation, List.of("a"), users, Set.of(3L))).hasSize(3);
	}

	@Test
	void temporalNeedsEveryRuleAndTemporalOrderedTheirOrder() {
		var temporal = correlation(SigmaCorrelation.Type.TEMPORAL, null, Duration.ofMinutes(10));
		var ordered = correlation(SigmaCorrelation.Type.TEMPORAL_ORDERED, null, Duration.ofMinutes(10));
		var rules = List.of("recon", "exfil");
		var inOrder = List.of(match(1, 0, "recon"), match(2, 300, "exfil"));
		var reversed = List.of(match(1, 0, "exfil"), match(2, 300, "recon"));
		var onlyOne = List.of(match(1, 0, "recon"), match(2, 300, "recon"));
		var tooFar = List.of(match(1, 0, "recon"), match(2, 900, "exfil"));
		assertThat(CorrelationWindows.find(temporal, rules, inOrder, Set.of(2L))).hasSize(2);
		assertThat(CorrelationWindows.find(temporal, rules, reversed, Set.of(2L))).hasSize(2);
		assertThat(CorrelationWindows.find(temporal, rules, onlyOne, Set.of(2L))).isEmpty();
		assertThat(CorrelationWindows.find(temporal, rules, tooFar, Set.of(2L))).isEmpty();
		assertThat(CorrelationWindows.find(ordered, rules, inOrder, Set.of(2L))).hasSize(2);
		assertThat(CorrelationWindows.find(ordered, rules, reversed, Set.of(2L))).isEmpty();
	}

	private static SigmaCorrelation correlation(SigmaCorrelation.Type type, SigmaCorrelation.Condition condition,
			Duration span) {
		return new SigmaCorrelation("f", 1, "id", null, "t", null, type, List.of("a"), List.of(), span, condition, null,
				false, java.util.Map.of());
	}

	private static CorrelationWindows.Match match(long id, long seconds, String rule) {
		return new CorrelationWindows.Match(id, T.plusSeconds(seconds), rule, null);
	}

	private static SigmaRuleParser.Documents parse(String yaml) {
		return new SigmaRuleParser().parseDocuments("correlation.yml", new StringReader(yaml));
	}

	private static void assertError(String yaml, int line, String problem) {
		assertThatThrownBy(() -> parse(yaml)).isInstanceOf(SigmaException.class)
			.satisfies(ex -> assertThat(((SigmaException) ex).line()).as(problem).isEqualTo(line))
			.hasMessageContaining(problem);
	}

}
