package io.vigil.detection.sigma;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.vigil.detection.sigma.SigmaTesting.compile;
import static io.vigil.detection.sigma.SigmaTesting.event;
import static io.vigil.detection.sigma.SigmaTesting.list;
import static io.vigil.detection.sigma.SigmaTesting.load;
import static io.vigil.detection.sigma.SigmaTesting.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection semantics of Sigma 2.1, each with events that must and must not match.
 */
class SigmaMatchingTests {

	private static boolean matches(String detection, Event event) {
		return compile(detection).matches(event);
	}

	@Nested
	class MapsAndLists {

		@Test
		void mapEntriesAreAnded() {
			var rule = compile("""
					selection:
					  userAgent: axios/1.6
					  status.errorCode: 0
					condition: selection
					""");
			assertThat(rule.matches(event("userAgent", "axios/1.6", "status.errorCode", 0))).isTrue();
			assertThat(rule.matches(event("userAgent", "axios/1.6", "status.errorCode", 50126))).isFalse();
			assertThat(rule.matches(event("userAgent", "curl", "status.errorCode", 0))).isFalse();
		}

		@Test
		void valueListsAreOred() {
			var rule = compile("""
					selection:
					  status.errorCode:
					    - 50053
					    - 50057
					condition: selection
					""");
			assertThat(rule.matches(event("status.errorCode", 50053))).isTrue();
			assertThat(rule.matches(event("status.errorCode", 50057))).isTrue();
			assertThat(rule.matches(event("status.errorCode", 50126))).isFalse();
		}

		@Test
		void listsOfMapsAreOred() {
			var rule = compile("""
					selection:
					  - userAgent: a
					    clientAppUsed: IMAP4
					  - userAgent: b
					condition: selection
					""");
			assertThat(rule.matches(event("userAgent", "a", "clientAppUsed", "IMAP4"))).isTrue();
			assertThat(rule.matches(event("userAgent", "b"))).isTrue();
			assertThat(rule.matches(event("userAgent", "a"))).isFalse();
		}

		@Test
		void numbersBooleansAndTextCompareAsText() {
			var code = compile("""
					selection:
					  ResultType: '0'
					condition: selection
					""");
			assertThat(code.matches(event("status.errorCode", 0))).isTrue();
			assertThat(code.matches(event("status.errorCode", "0"))).isTrue();
			assertThat(code.matches(event("status.errorCode", 10))).isFalse();
			var flag = compile("""
					selection:
					  DeviceDetail.isCompliant: 'false'
					condition: selection
					""");
			assertThat(flag.matches(event("deviceDetail.isCompliant", false))).isTrue();
			assertThat(flag.matches(event("deviceDetail.isCompliant", true))).isFalse();
		}

		@Test
		void aScalarMatchesAnArrayWhenAnyElementDoes() {
			var rule = compile("""
					selection:
					  authenticationMethodsUsed: Password
					condition: selection
					""");
			assertThat(rule.matches(event("authenticationMethodsUsed", list("SMS", "Password")))).isTrue();
			assertThat(rule.matches(event("authenticationMethodsUsed", list("SMS")))).isFalse();
		}

		@Test
		void pathsReachIntoArraysOfObjects() {
			var rule = compile("""
					selection:
					  appliedConditionalAccessPolicies.result: failure
					condition: selection
					""");
			var failing = new MapEvent(Map.of("appliedConditionalAccessPolicies",
					list(Map.of("result", "success"), Map.of("result", "failure"))));
			var passing = new MapEvent(Map.of("appliedConditionalAccessPolicies", list(Map.of("result", "success"))));
			assertThat(rule.matches(failing)).isTrue();
			assertThat(rule.matches(passing)).isFalse();
		}

		@Test
		void anEmptyArrayStandsForTheTextBrackets() {
			var rule = compile("""
					selection:
					  NetworkLocationDetails: '[]'
					condition: selection
					""");
			assertThat(rule.matches(event("userAgent", "x"))).isTrue();
			assertThat(rule
				.matches(new MapEvent(Map.of("networkLocationDetails", list(Map.of("networkType", "namedNetwork"))))))
				.isFalse();
		}

	}

	@Nested
	class NullAndEmpty {

		@Test
		void nullMatchesAnAbsentFieldOnly() {
			var rule = compile("""
					selection:
					  deviceDetail.trustType: null
					condition: selection
					""");
			assertThat(rule.matches(event("userAgent", "x"))).isTrue();
			assertThat(rule.matches(event("deviceDetail.trustType", ""))).isFalse();
			assertThat(rule.matches(event("deviceDetail.trustType", "Azure AD joined"))).isFalse();
		}

		@Test
		void emptyTextMatchesAnEmptyValueOnly() {
			var rule = compile("""
					selection:
					  deviceDetail.trustType: ''
					condition: selection
					""");
			assertThat(rule.matches(event("deviceDetail.trustType", ""))).isTrue();
			assertThat(rule.matches(event("userAgent", "x"))).isFalse();
			assertThat(rule.matches(event("deviceDetail.trustType", "Hybrid"))).isFalse();
		}

	}

	@Nested
	class Wildcards {

		private boolean ua(String pattern, String userAgent) {
			return compile("selection:\n  userAgent: '" + pattern + "'\ncondition: selection")
				.matches(event("userAgent", userAgent));
		}

		@Test
		void starMatchesAnySequenceAndQuestionMarkOneCharacter() {
			assertThat(ua("axios/*", "axios/1.7.2")).isTrue();
			assertThat(ua("axios/*", "axios/")).isTrue();
			assertThat(ua("axios/*", "node axios/1")).isFalse();
			assertThat(ua("*axios*", "node axios/1")).isTrue();
			assertThat(ua("ax?os", "axios")).isTrue();
			assertThat(ua("ax?os", "axos")).isFalse();
			assertThat(ua("a*b?d", "aXXXbcd")).isTrue();
			assertThat(ua("a*b?d", "aXXXbd")).isFalse();
		}

		@Test
		void backslashEscapesWildcardsAndItself() {
			assertThat(ua("what\\?", "what?")).as("\\? is a literal ?").isTrue();
			assertThat(ua("what\\?", "whats")).isFalse();
			assertThat(ua("a\\*b", "a*b")).as("\\* is a literal *").isTrue();
			assertThat(ua("a\\*b", "aXb")).isFalse();
			assertThat(ua("C:\\\\*", "C:\\Windows")).as("\\\\* is a backslash, then any").isTrue();
			assertThat(ua("C:\\\\*", "C:Windows")).isFalse();
			assertThat(ua("C:\\\\\\*", "C:\\*")).as("\\\\\\* is a backslash and a literal *").isTrue();
			assertThat(ua("C:\\\\\\*", "C:\\Windows")).isFalse();
		}

		@Test
		void aLoneBackslashIsLiteral() {
			assertThat(ua("C:\\Windows", "C:\\Windows")).isTrue();
			assertThat(ua("C:\\Windows", "C:Windows")).isFalse();
		}

	}

	@Nested
	class Case {

		@Test
		void matchingIsCaseInsensitiveByDefault() {
			var rule = compile("selection:\n  userAgent|contains: AXIOS\ncondition: selection");
			assertThat(rule.matches(event("userAgent", "node axios/1"))).isTrue();
			assertThat(rule.matches(event("userAgent", "node axi0s/1"))).isFalse();
		}

		@Test
		void casedMatchesExactCase() {
			var rule = compile("selection:\n  userAgent|contains|cased: axios\ncondition: selection");
			assertThat(rule.matches(event("userAgent", "node axios/1"))).isTrue();
			assertThat(rule.matches(event("userAgent", "node AXIOS/1"))).isFalse();
		}

		@Test
		void fieldNamesAreCaseInsensitive() {
			var rule = compile("selection:\n  DeviceDetail.trusttype: Hybrid\ncondition: selection");
			assertThat(rule.matches(event("deviceDetail.trustType", "hybrid"))).isTrue();
			assertThat(rule.matches(event("deviceDetail.trustType", "registered"))).isFalse();
		}

	}

	@Nested
	class StringModifiers {

		private boolean ua(String modifiers, String value, String userAgent) {
			return compile("selection:\n  userAgent" + modifiers + ": '" + value + "'\ncondition: selection")
				.matches(event("userAgent", userAgent));
		}

		@Test
		void containsStartswithEndswith() {
			assertThat(ua("|contains", "axios", "x axios y")).isTrue();
			assertThat(ua("|contains", "axios", "x axe y")).isFalse();
			assertThat(ua("|startswith", "axios", "axios/1")).isTrue();
			assertThat(ua("|startswith", "axios", "node axios")).isFalse();
			assertThat(ua("|endswith", "axios", "node axios")).isTrue();
			assertThat(ua("|endswith", "axios", "axios/1")).isFalse();
		}

		@Test
		void wildcardsInsideContains() {
			assertThat(ua("|contains", "ax*s/1", "node axios/1.7")).isTrue();
			assertThat(ua("|contains", "ax*s/1", "node axios/2")).isFalse();
		}

		@Test
		void allRequiresEveryValue() {
			var rule = compile("""
					selection:
					  userAgent|contains|all:
					    - axios
					    - node
					condition: selection
					""");
			assertThat(rule.matches(event("userAgent", "node axios/1"))).isTrue();
			assertThat(rule.matches(event("userAgent", "axios/1"))).isFalse();
		}

		@Test
		void windashPermutesDashesAndSlashes() {
			for (var dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
				assertThat(ua("|windash|contains", " -token", "tool " + dash + "token x")).as(dash).isTrue();
			}
			assertThat(ua("|windash|contains", " -token", "tool +token")).isFalse();
		}

	}

	@Nested
	class Encodings {

		private static String base64(byte[] bytes) {
			return Base64.getEncoder().encodeToString(bytes);
		}

		private boolean ua(String modifiers, String value, String userAgent) {
			return compile("selection:\n  userAgent" + modifiers + ": '" + value + "'\ncondition: selection")
				.matches(event("userAgent", userAgent));
		}

		@Test
		void base64EncodesTheValue() {
			var encoded = base64("axios".getBytes(StandardCharsets.UTF_8));
			assertThat(ua("|base64", "axios", encoded)).isTrue();
			assertThat(ua("|base64", "axios", "axios")).isFalse();
			assertThat(ua("|base64|contains", "axios", "x" + encoded + "y")).isTrue();
		}

		@Test
		void base64offsetFindsTheValueAtAnyAlignment() {
			// The example of the Sigma modifier appendix: /bin/bash at offsets 0, 1 and
			// 2.
			assertThat(ua("|base64offset|contains", "/bin/bash", "xxL2Jpbi9iYXNoxx")).isTrue();
			assertThat(ua("|base64offset|contains", "/bin/bash", "xx9iaW4vYmFzaxx")).isTrue();
			assertThat(ua("|base64offset|contains", "/bin/bash", "xxvYmluL2Jhc2xx")).isTrue();
			for (var prefix : List.of("", "a", "ab", "abc")) {
				var stream = base64((prefix + "/bin/bash rest").getBytes(StandardCharsets.UTF_8));
				assertThat(ua("|base64offset|contains", "/bin/bash", stream)).as(prefix).isTrue();
			}
			assertThat(ua("|base64offset|contains", "/bin/bash", base64("/bin/zsh".getBytes(StandardCharsets.UTF_8))))
				.isFalse();
		}

		@Test
		void utf16VariantsEncodeBeforeBase64() {
			assertThat(ua("|wide|base64", "ping", base64("ping".getBytes(StandardCharsets.UTF_16LE)))).isTrue();
			assertThat(ua("|utf16le|base64", "ping", base64("ping".getBytes(StandardCharsets.UTF_16LE)))).isTrue();
			assertThat(ua("|utf16be|base64", "ping", base64("ping".getBytes(StandardCharsets.UTF_16BE)))).isTrue();
			var bom = new byte[] { (byte) 0xFF, (byte) 0xFE, 'p', 0, 'i', 0, 'n', 0, 'g', 0 };
			assertThat(ua("|utf16|base64", "ping", base64(bom))).isTrue();
			assertThat(ua("|wide|base64", "ping", base64("ping".getBytes(StandardCharsets.UTF_8)))).isFalse();
			assertThat(ua("|utf16be|base64", "ping", base64("ping".getBytes(StandardCharsets.UTF_16LE)))).isFalse();
		}

		@Test
		void encodedValuesHaveNoWildcards() {
			assertThat(ua("|base64", "a*", base64("a*".getBytes(StandardCharsets.UTF_8)))).isTrue();
			assertThat(ua("|base64", "a*", base64("abc".getBytes(StandardCharsets.UTF_8)))).isFalse();
		}

	}

	@Nested
	class RegularExpressions {

		private boolean ua(String modifiers, String regex, String userAgent) {
			return compile("selection:\n  userAgent" + modifiers + ": '" + regex + "'\ncondition: selection")
				.matches(event("userAgent", userAgent));
		}

		@Test
		void reIsCaseSensitiveAndUnanchored() {
			assertThat(ua("|re", "axios/[0-9]+", "node axios/12")).isTrue();
			assertThat(ua("|re", "axios/[0-9]+", "node AXIOS/12")).isFalse();
			assertThat(ua("|re", "^axios", "node axios")).isFalse();
		}

		@Test
		void subModifiers() {
			assertThat(ua("|re|i", "^axios", "AXIOS/1")).isTrue();
			assertThat(ua("|re|i", "^axios", "X AXIOS/1")).isFalse();
			assertThat(ua("|re|m", "^second$", "first\nsecond\nthird")).isTrue();
			assertThat(ua("|re", "^second$", "first\nsecond\nthird")).isFalse();
			assertThat(ua("|re|s", "first.second", "first\nsecond")).isTrue();
			assertThat(ua("|re", "first.second", "first\nsecond")).isFalse();
		}

	}

	@Nested
	class Networks {

		private boolean ip(String network, String address) {
			return compile("selection:\n  IPAddress|cidr: '" + network + "'\ncondition: selection")
				.matches(event("ipAddress", address));
		}

		@Test
		void ipv4() {
			assertThat(ip("104.16.0.0/13", "104.23.255.255")).isTrue();
			assertThat(ip("104.16.0.0/13", "104.24.0.1")).isFalse();
			assertThat(ip("104.16.0.0/13", "not an address")).isFalse();
		}

		@Test
		void prefixEdgesAndMappedAddresses() {
			assertThat(ip("0.0.0.0/0", "8.8.8.8")).isTrue();
			assertThat(ip("10.1.2.3", "10.1.2.3")).as("an address is a /32").isTrue();
			assertThat(ip("10.1.2.3", "10.1.2.4")).isFalse();
			assertThat(ip("104.16.0.0/13", "::ffff:104.16.0.1")).as("IPv4-mapped IPv6").isTrue();
			assertThat(ip("10.0.0.0/8", "2001:db8::1")).isFalse();
			assertThat(ip("10.0.0.0/8", "")).isFalse();
		}

		@Test
		void ipv6() {
			assertThat(ip("2a06:98c0::/29", "2a06:98c0:3600::103")).isTrue();
			assertThat(ip("2a06:98c0::/29", "2a06:98d0::1")).isFalse();
			assertThat(ip("2a06:98c0::/29", "104.16.0.1")).isFalse();
		}

	}

	@Nested
	class Presence {

		@Test
		void existsTestsPresenceOnly() {
			var present = compile("selection:\n  riskState|exists: true\ncondition: selection");
			var absent = compile("selection:\n  riskState|exists: false\ncondition: selection");
			assertThat(present.matches(event("riskState", "none"))).isTrue();
			assertThat(present.matches(event("userAgent", "x"))).isFalse();
			assertThat(absent.matches(event("userAgent", "x"))).isTrue();
			assertThat(absent.matches(event("riskState", "none"))).isFalse();
		}

		@Test
		void neqMatchesAPresentFieldWithAnotherValue() {
			var rule = compile("selection:\n  riskState|neq: none\ncondition: selection");
			assertThat(rule.matches(event("riskState", "atRisk"))).isTrue();
			assertThat(rule.matches(event("riskState", "NONE"))).isFalse();
			assertThat(rule.matches(event("userAgent", "x"))).isFalse();
		}

	}

	@Nested
	class Numbers {

		private boolean code(String modifier, int bound, Object value) {
			return compile("selection:\n  status.errorCode|" + modifier + ": " + bound + "\ncondition: selection")
				.matches(event("status.errorCode", value));
		}

		@Test
		void comparisons() {
			assertThat(code("lt", 100, 99)).isTrue();
			assertThat(code("lt", 100, 100)).isFalse();
			assertThat(code("lte", 100, 100)).isTrue();
			assertThat(code("lte", 100, 101)).isFalse();
			assertThat(code("gt", 100, 101)).isTrue();
			assertThat(code("gt", 100, 100)).isFalse();
			assertThat(code("gte", 100, 100)).isTrue();
			assertThat(code("gte", 100, 99)).isFalse();
			assertThat(code("gte", 100, "150")).as("numeric text").isTrue();
			assertThat(code("gte", 100, "many")).isFalse();
		}

	}

	@Nested
	class References {

		@Test
		void fieldrefComparesTwoFieldsOfTheEvent() {
			var rule = compile("selection:\n  homeTenantId|fieldref: resourceTenantId\ncondition: selection");
			assertThat(rule.matches(event("homeTenantId", "T1", "resourceTenantId", "t1"))).isTrue();
			assertThat(rule.matches(event("homeTenantId", "T1", "resourceTenantId", "T2"))).isFalse();
			assertThat(rule.matches(event("homeTenantId", "T1"))).isFalse();
		}

		@Test
		void fieldrefWithNeq() {
			var rule = compile("selection:\n  homeTenantId|fieldref|neq: resourceTenantId\ncondition: selection");
			assertThat(rule.matches(event("homeTenantId", "T1", "resourceTenantId", "T2"))).isTrue();
			assertThat(rule.matches(event("homeTenantId", "T1", "resourceTenantId", "T1"))).isFalse();
		}

	}

	@Nested
	class Placeholders {

		private static final String COUNTRIES = """
				selection:
				  ResultType: 0
				filter:
				  Location|expand: '%KnownCountries%'
				condition: selection and not filter
				""";

		@Test
		void expandReplacesPlaceholdersWithEveryValue() {
			var load = load(COUNTRIES,
					io.vigil.detection.sigma.Placeholders.of(Map.of("KnownCountries", List.of("NL", "BE"))));
			var rule = ((RuleLoad.Ready) load).compiled();
			assertThat(rule.matches(event("status.errorCode", 0, "location.countryOrRegion", "RU"))).isTrue();
			assertThat(rule.matches(event("status.errorCode", 0, "location.countryOrRegion", "NL"))).isFalse();
			assertThat(rule.matches(event("status.errorCode", 0, "location.countryOrRegion", "be"))).isFalse();
		}

		@Test
		void anUnsetPlaceholderIsReported() {
			var load = load(COUNTRIES, io.vigil.detection.sigma.Placeholders.NONE);
			assertThat(load).isInstanceOfSatisfying(RuleLoad.NeedsPlaceholders.class,
					needs -> assertThat(needs.placeholders()).containsExactly("KnownCountries"));
		}

		@Test
		void anEscapedPercentIsLiteral() {
			var rule = compile("selection:\n  userAgent|expand: '100\\%'\ncondition: selection");
			assertThat(rule.matches(event("userAgent", "100%"))).isTrue();
			assertThat(rule.matches(event("userAgent", "100"))).isFalse();
		}

		@Test
		void withoutExpandPercentSignsAreText() {
			var rule = compile("selection:\n  userAgent: '%KnownCountries%'\ncondition: selection");
			assertThat(rule.matches(event("userAgent", "%KnownCountries%"))).isTrue();
		}

	}

	@Nested
	class Keywords {

		@Test
		void keywordsSearchEveryTextValue() {
			var rule = compile("""
					keywords:
					  - axios
					  - python-requests
					condition: keywords
					""");
			assertThat(rule.matches(event("userAgent", "node AXIOS/1"))).isTrue();
			assertThat(rule.matches(event("deviceDetail.browser", "python-requests/2"))).isTrue();
			assertThat(rule.matches(event("userAgent", "curl"))).isFalse();
		}

		@Test
		void keywordsWithAll() {
			var rule = compile("""
					keywords:
					  '|all':
					    - axios
					    - Amsterdam
					condition: keywords
					""");
			assertThat(rule.matches(event("userAgent", "axios/1", "location.city", "Amsterdam"))).isTrue();
			assertThat(rule.matches(event("userAgent", "axios/1", "location.city", "Paris"))).isFalse();
		}

	}

	@Nested
	class Conditions {

		private static final String SEARCHES = """
				sel_axios:
				  userAgent|contains: axios
				sel_success:
				  ResultType: 0
				_internal:
				  clientAppUsed: Browser
				filter:
				  location.countryOrRegion: NL
				""";

		private CompiledRule rule(String condition) {
			return compile(SEARCHES + "condition: " + condition);
		}

		private static Event sample(String ua, int code, String client, String country) {
			return new MapEvent(tree("userAgent", ua, "status.errorCode", code, "clientAppUsed", client,
					"location.countryOrRegion", country));
		}

		@Test
		void andOrNot() {
			assertThat(rule("sel_axios and sel_success").matches(sample("axios", 0, "x", "US"))).isTrue();
			assertThat(rule("sel_axios and sel_success").matches(sample("axios", 1, "x", "US"))).isFalse();
			assertThat(rule("sel_axios or sel_success").matches(sample("curl", 0, "x", "US"))).isTrue();
			assertThat(rule("sel_axios or sel_success").matches(sample("curl", 1, "x", "US"))).isFalse();
			assertThat(rule("not filter").matches(sample("curl", 1, "x", "US"))).isTrue();
			assertThat(rule("not filter").matches(sample("curl", 1, "x", "NL"))).isFalse();
		}

		@Test
		void precedenceIsOrThenAndThenNot() {
			// a or b and not c == a or (b and (not c))
			var rule = rule("sel_axios or sel_success and not filter");
			assertThat(rule.matches(sample("axios", 1, "x", "NL"))).isTrue();
			assertThat(rule.matches(sample("curl", 0, "x", "NL"))).isFalse();
			assertThat(rule.matches(sample("curl", 0, "x", "US"))).isTrue();
		}

		@Test
		void parenthesesGroup() {
			var rule = rule("(sel_axios or sel_success) and not filter");
			assertThat(rule.matches(sample("axios", 1, "x", "NL"))).isFalse();
			assertThat(rule.matches(sample("axios", 1, "x", "US"))).isTrue();
			assertThat(rule("not (sel_axios or filter)").matches(sample("curl", 0, "x", "US"))).isTrue();
			assertThat(rule("not (sel_axios or filter)").matches(sample("axios", 0, "x", "US"))).isFalse();
		}

		@Test
		void oneOfAndAnyOfAPattern() {
			for (var quantifier : List.of("1 of", "any of")) {
				var rule = rule(quantifier + " sel_*");
				assertThat(rule.matches(sample("curl", 0, "x", "US"))).isTrue();
				assertThat(rule.matches(sample("axios", 1, "x", "US"))).isTrue();
				assertThat(rule.matches(sample("curl", 1, "Browser", "NL"))).isFalse();
			}
		}

		@Test
		void allOfAPattern() {
			var rule = rule("all of sel_*");
			assertThat(rule.matches(sample("axios", 0, "x", "US"))).isTrue();
			assertThat(rule.matches(sample("axios", 1, "x", "US"))).isFalse();
		}

		@Test
		void themLeavesOutUnderscoreSearches() {
			assertThat(rule("1 of them").matches(sample("curl", 1, "Browser", "US"))).isFalse();
			assertThat(rule("1 of them").matches(sample("curl", 1, "x", "NL"))).isTrue();
			assertThat(rule("all of them").matches(sample("axios", 0, "x", "NL"))).isTrue();
			assertThat(rule("all of them").matches(sample("axios", 0, "x", "US"))).isFalse();
			assertThat(rule("all of them and _internal").matches(sample("axios", 0, "Browser", "NL"))).isTrue();
		}

		@Test
		void quantifiersBindTighterThanNot() {
			var rule = rule("not 1 of sel_* and filter");
			assertThat(rule.matches(sample("curl", 1, "x", "NL"))).isTrue();
			assertThat(rule.matches(sample("axios", 1, "x", "NL"))).isFalse();
		}

		@Test
		void aListOfConditionsIsOred() {
			var rule = compile(SEARCHES + "condition:\n  - sel_axios\n  - filter");
			assertThat(rule.matches(sample("axios", 1, "x", "US"))).isTrue();
			assertThat(rule.matches(sample("curl", 1, "x", "NL"))).isTrue();
			assertThat(rule.matches(sample("curl", 1, "x", "US"))).isFalse();
		}

		@Test
		void explainNamesEverySearch() {
			var explained = rule("sel_axios and not filter").explain(sample("axios", 1, "x", "US"));
			assertThat(explained).containsExactly(Map.entry("sel_axios", true), Map.entry("sel_success", false),
					Map.entry("_internal", false), Map.entry("filter", false));
		}

	}

}
