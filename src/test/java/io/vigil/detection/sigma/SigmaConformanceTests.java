package io.vigil.detection.sigma;

import org.junit.jupiter.api.Test;

import static io.vigil.detection.sigma.SigmaTesting.compile;
import static io.vigil.detection.sigma.SigmaTesting.event;
import static io.vigil.detection.sigma.SigmaTesting.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Semantics an independent conformance check found wrong, from the specification's text
 * and the cases other engines (pySigma, sigma-go, sigma-rust, chainsaw) test, each with
 * what must and must not match.
 */
class SigmaConformanceTests {

	@Test
	void keywordsSearchNumbersAndBooleansToo() {
		var rule = compile("""
				keywords:
				  - 50126
				condition: keywords""");
		assertThat(rule.matches(event("status.errorCode", 50126))).isTrue();
		assertThat(rule.matches(event("status.errorCode", 50125))).isFalse();
		var flag = compile("""
				keywords:
				  - 'true'
				condition: keywords""");
		assertThat(flag.matches(event("isInteractive", true))).isTrue();
		assertThat(flag.matches(event("isInteractive", false))).isFalse();
	}

	/**
	 * YAML 1.2's core schema, as the specification reads rules: yes, on, no and off are
	 * text; 0x and 0o numbers.
	 */
	@Test
	void plainScalarsFollowYaml12sCoreSchema() {
		for (var word : new String[] { "yes", "on", "no", "off", "Y" }) {
			var rule = compile("""
					selection:
					  appDisplayName: %s
					condition: selection""".formatted(word));
			assertThat(rule.matches(event("appDisplayName", word))).as(word).isTrue();
			assertThat(rule.matches(event("appDisplayName", "true"))).as(word + " is not a boolean").isFalse();
		}
		var hex = compile("""
				selection:
				  status.errorCode: 0x10
				condition: selection""");
		assertThat(hex.matches(event("status.errorCode", 16))).isTrue();
		var octal = compile("""
				selection:
				  status.errorCode: 0o20
				condition: selection""");
		assertThat(octal.matches(event("status.errorCode", 16))).isTrue();
		var leadingZero = compile("""
				selection:
				  status.errorCode: 010
				condition: selection""");
		assertThat(leadingZero.matches(event("status.errorCode", 10))).as("decimal, not YAML 1.1's octal").isTrue();
		var quoted = compile("""
				selection:
				  appDisplayName: 'true'
				condition: selection""");
		assertThat(quoted.matches(event("appDisplayName", "true"))).isTrue();
	}

	@Test
	void allAppliesToTheRulesValuesNotToEachExpansion() {
		var rule = compile("""
				selection:
				  userAgent|windash|contains|all:
				    - '-a'
				    - '-b'
				condition: selection""");
		assertThat(rule.matches(event("userAgent", "run /a \u2013b"))).isTrue();
		assertThat(rule.matches(event("userAgent", "run -a"))).as("-b missing").isFalse();
		var encoded = compile("""
				selection:
				  userAgent|base64offset|contains|all:
				    - 'alpha'
				    - 'omega'
				condition: selection""");
		var both = java.util.Base64.getEncoder().encodeToString("x alpha y omega".getBytes());
		var one = java.util.Base64.getEncoder().encodeToString("x alpha y".getBytes());
		assertThat(encoded.matches(event("userAgent", both))).isTrue();
		assertThat(encoded.matches(event("userAgent", one))).isFalse();
	}

	@Test
	void fieldrefWithContainsStartswithEndswith() {
		var event = event("userAgent", "Mozilla Office/16 build", "appDisplayName", "office");
		assertThat(compile("""
				selection:
				  userAgent|fieldref|contains: appDisplayName
				condition: selection""").matches(event)).isTrue();
		assertThat(compile("""
				selection:
				  userAgent|fieldref|startswith: appDisplayName
				condition: selection""").matches(event)).isFalse();
		assertThat(compile("""
				selection:
				  userAgent|fieldref|endswith: appDisplayName
				condition: selection""").matches(event("userAgent", "Teams Office", "appDisplayName", "office")))
			.isTrue();
		assertThat(compile("""
				selection:
				  userAgent|fieldref|contains|cased: appDisplayName
				condition: selection""").matches(event)).as("cased").isFalse();
		assertThat(compile("""
				selection:
				  userAgent|fieldref|contains|neq: appDisplayName
				condition: selection""").matches(event)).as("neq").isFalse();
	}

	@Test
	void aValueOfAnUnexpectedTypeIsALoadErrorWithItsLine() {
		assertThatExceptionOfType(SigmaException.class).isThrownBy(() -> load("""
				selection:
				  userAgent: !!binary aGVsbG8=
				condition: selection""", Placeholders.NONE))
			.withMessageContaining("test.yml:8")
			.withMessageContaining("is not one Sigma knows");
		assertThatExceptionOfType(SigmaException.class).isThrownBy(() -> load("""
				selection:
				  userAgent: !!timestamp 2026-11-30
				condition: selection""", Placeholders.NONE)).withMessageContaining("test.yml:8");
	}

	/**
	 * windash permutes each dash on its own: every combination of the five dash
	 * characters.
	 */
	@Test
	void windashPermutesEachDashIndependently() {
		assertThat(ModifierChain.windash("-a -b")).hasSize(25).contains("/a \u2013b", "\u2015a -b", "-a -b");
		var rule = compile("""
				selection:
				  userAgent|windash|contains: ' -a -b'
				condition: selection""");
		assertThat(rule.matches(event("userAgent", "x /a \u2014b"))).isTrue();
		assertThat(rule.matches(event("userAgent", "x /a +b"))).isFalse();
		assertThat(ModifierChain.windash("-a -b -c -d -e")).as("past four dashes, one dash for all").hasSize(5);
		var many = new StringBuilder("selection:\n  userAgent|windash|contains:\n");
		for (int i = 0; i < 20; i++) {
			many.append("    - '-a").append(i).append(" -b -c -d'\n");
		}
		many.append("condition: selection");
		assertThatExceptionOfType(SigmaException.class).isThrownBy(() -> load(many.toString(), Placeholders.NONE))
			.withMessageContaining("more than 10000 spellings");
	}

}
