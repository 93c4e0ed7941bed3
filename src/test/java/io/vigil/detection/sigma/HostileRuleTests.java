package io.vigil.detection.sigma;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.vigil.detection.sigma.SigmaTesting.compile;
import static io.vigil.detection.sigma.SigmaTesting.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Rules written to hurt: patterns that backtrack for minutes, YAML that expands to
 * gigabytes, conditions deep enough to overflow a stack. Each is refused at load with its
 * file and line, or matched in linear time. (The timeouts are not performance targets:
 * without the limits these tests run for minutes or crash.)
 */
class HostileRuleTests {

	private static final Duration QUICKLY = Duration.ofSeconds(10);

	private static SigmaException refused(String yaml) {
		return catchThrowableOfType(SigmaException.class, () -> {
			var rule = new SigmaRuleParser().parse("hostile.yml", yaml).getFirst();
			new SigmaCompiler(SigmaTesting.MAPPING).compile(rule, Placeholders.NONE);
		});
	}

	@Test
	void catastrophicBacktrackingPatternsAreRefusedAtLoad() {
		var error = assertTimeoutPreemptively(QUICKLY, () -> refused(SigmaTesting.ruleYaml("""
				selection:
				  userAgent|re: '(.*){1,32000}[Q]'
				condition: selection""")));
		assertThat(error.line()).isEqualTo(8);
		assertThat(error.getMessage()).contains("hostile.yml:8: invalid regular expression", "RE2");
		assertThat(refused(SigmaTesting.ruleYaml("""
				selection:
				  userAgent|re: '(?=axios)a'
				condition: selection""")).getMessage()).contains("lookaround");
		assertThat(refused(SigmaTesting.ruleYaml("""
				selection:
				  userAgent|re: '(a)\\1'
				condition: selection"""))).isNotNull();
	}

	@Test
	void backtrackingShapesThatRe2AcceptsMatchInLinearTime() {
		var nested = compile("""
				selection:
				  userAgent|re: '(a+)+$'
				condition: selection""");
		var wildcards = compile("""
				selection:
				  userAgent: '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*X'
				condition: selection""");
		var hostile = "a".repeat(20_000) + "!";
		assertTimeoutPreemptively(QUICKLY, () -> {
			assertThat(nested.matches(event("userAgent", hostile))).isFalse();
			assertThat(wildcards.matches(event("userAgent", hostile))).isFalse();
		});
		assertThat(nested.matches(event("userAgent", "aaa"))).isTrue();
		assertThat(wildcards.matches(event("userAgent", "a".repeat(14) + "X"))).isTrue();
	}

	@Test
	void aliasesOfCollectionsAreLimited() {
		var bomb = new StringBuilder(
				"title: bomb\nid: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		for (char c = 'b'; c <= 'i'; c++) {
			var previous = (char) (c - 1);
			bomb.append(c).append(": &").append(c).append(" [");
			bomb.append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
		}
		bomb.append("detection:\n  s:\n    userAgent: x\n  condition: s\n");
		assertThat(bomb.length()).isLessThan(700);
		var error = assertTimeoutPreemptively(QUICKLY, () -> refused(bomb.toString()));
		assertThat(error.getMessage()).contains("hostile.yml:", "invalid YAML");
		assertThat(error.line()).isPositive();
	}

	@Test
	void aliasesOfOneLongTextAreBoundedByTheirExpandedSize() {
		var yaml = new StringBuilder("title: scalar bomb\nid: x\nbig: &big " + "x".repeat(20_000) + "\nmany:\n");
		for (int i = 0; i < 100; i++) {
			yaml.append("  - *big\n");
		}
		yaml.append("detection:\n  s:\n    userAgent: x\n  condition: s\n");
		var error = assertTimeoutPreemptively(QUICKLY, () -> refused(yaml.toString()));
		assertThat(error.getMessage()).contains("expands to more than");
		assertThat(error.line()).isEqualTo(3);
	}

	@Test
	void aFileLargerThanTheLimitIsRefusedWithItsLine() {
		var yaml = "title: big\nid: x\n" + "# padding\n".repeat(30_000);
		var error = refused(yaml);
		assertThat(error.getMessage()).contains("longer than " + RuleLimits.MAX_CHARACTERS);
		assertThat(error.line()).isGreaterThan(20_000);
	}

	@Test
	void deepNestingIsALoadErrorNotAStackOverflow() {
		var huge = "(".repeat(100_000) + "s" + ")".repeat(100_000);
		assertThat(refused(SigmaTesting.ruleYaml("s:\n  userAgent: x\ncondition: '" + huge + "'")).getMessage())
			.contains("hostile.yml:9: condition: more than " + RuleLimits.MAX_CONDITION_TOKENS + " words");
		var deep = refused(SigmaTesting
			.ruleYaml("s:\n  userAgent: x\ncondition: '" + "(".repeat(1_000) + "s" + ")".repeat(1_000) + "'"));
		assertThat(deep.getMessage()).contains("nested deeper than " + RuleLimits.MAX_CONDITION_DEPTH);
		var nots = refused(SigmaTesting.ruleYaml("s:\n  userAgent: x\ncondition: " + "not ".repeat(1_000) + "s"));
		assertThat(nots.getMessage()).contains("nested deeper than");
		var yamlDepth = refused("title: t\nid: x\nnested: " + "[".repeat(10_000) + "]".repeat(10_000)
				+ "\ndetection:\n  s:\n    userAgent: x\n  condition: s\n");
		assertThat(yamlDepth.getMessage()).contains("invalid YAML");
		// a condition as deep as people write still loads
		assertThat(compile("s:\n  userAgent: x\ncondition: " + "(".repeat(20) + "s" + ")".repeat(20))
			.matches(event("userAgent", "x"))).isTrue();
	}

	@Test
	void anAliasReferringToItselfIsRefused() {
		var error = refused("title: t\nid: x\nloop: &l [*l]\ndetection:\n  s:\n    userAgent: x\n  condition: s\n");
		assertThat(error).isNotNull();
		assertThat(error.getMessage()).contains("hostile.yml:");
	}

}
