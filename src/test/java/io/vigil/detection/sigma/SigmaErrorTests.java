package io.vigil.detection.sigma;

import org.junit.jupiter.api.Test;

import static io.vigil.detection.sigma.SigmaTesting.MAPPING;
import static io.vigil.detection.sigma.SigmaTesting.load;
import static io.vigil.detection.sigma.SigmaTesting.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rules that cannot load name the file, the line and what is wrong; rules Graph cannot
 * feed say which field.
 */
class SigmaErrorTests {

	// ruleYaml puts the first detection line on line 7
	private static final int FIRST_DETECTION_LINE = 7;

	private static SigmaException error(String detection) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(SigmaException.class,
				() -> load(detection, Placeholders.NONE));
	}

	@Test
	void unknownModifier() {
		var error = error("selection:\n  userAgent|contain: axios\ncondition: selection");
		assertThat(error.source()).isEqualTo("test.yml");
		assertThat(error.line()).isEqualTo(FIRST_DETECTION_LINE + 1);
		assertThat(error).hasMessage("test.yml:8: unknown modifier 'contain' (field 'userAgent')");
	}

	@Test
	void badRegularExpression() {
		var error = error("selection:\n  x: 1\n  userAgent|re: 'axios(['\ncondition: selection");
		assertThat(error.line()).isEqualTo(FIRST_DETECTION_LINE + 2);
		assertThat(error.getMessage()).contains("invalid regular expression 'axios(['");
	}

	@Test
	void regexFlagWithoutRe() {
		assertThat(error("selection:\n  userAgent|i: axios\ncondition: selection").getMessage())
			.contains("'i' only follows 're'");
	}

	@Test
	void conditionNamingAMissingSearch() {
		var error = error("selection:\n  userAgent: axios\ncondition: selection and filter");
		assertThat(error.line()).isEqualTo(FIRST_DETECTION_LINE + 2);
		assertThat(error.getMessage()).contains("'filter', which is not a search of this rule");
	}

	@Test
	void malformedConditions() {
		assertThat(error("s:\n  userAgent: a\ncondition: (s").getMessage()).contains("missing ')'");
		assertThat(error("s:\n  userAgent: a\ncondition: s and").getMessage()).contains("condition ends");
		assertThat(error("s:\n  userAgent: a\ncondition: s s").getMessage()).contains("unexpected 's'");
		assertThat(error("s:\n  userAgent: a\ncondition: 1 of x_*").getMessage()).contains("matches no search");
		assertThat(error("s:\n  userAgent: a\ncondition: s | count() > 5").getMessage()).contains("unexpected '|'");
	}

	@Test
	void badValuesForModifiers() {
		assertThat(error("s:\n  IPAddress|cidr: 10.0.0.300/8\ncondition: s").getMessage()).contains("invalid network");
		assertThat(error("s:\n  status.errorCode|gt: many\ncondition: s").getMessage()).contains("needs a number");
		assertThat(error("s:\n  riskState|exists: maybe\ncondition: s").getMessage()).contains("true or false");
	}

	@Test
	void invalidYamlNamesTheLine() {
		var yaml = "title: Broken\ndetection:\n  selection:\n    userAgent: [axios\n  condition: selection\n";
		var error = catchSigma(yaml);
		assertThat(error.source()).isEqualTo("broken.yml");
		assertThat(error.line()).isBetween(4, 5);
		assertThat(error.getMessage()).startsWith("broken.yml:").contains("invalid YAML");
	}

	@Test
	void missingPartsOfARule() {
		assertThat(catchSigma("title: x\nlogsource: {}\n").getMessage()).contains("no detection section");
		assertThat(catchSigma("detection:\n  s:\n    a: 1\n  condition: s\n").getMessage()).contains("no title");
		assertThat(catchSigma("title: x\ndetection:\n  s:\n    a: 1\n").getMessage()).contains("no condition");
		assertThat(catchSigma("title: x\ncorrelation:\n  type: event_count\n").getMessage())
			.contains("the correlation names no rules");
		assertThat(catchSigma("").getMessage()).contains("holds no rule");
	}

	@Test
	void severalDocumentsInOneFile() {
		var yaml = ruleYaml("s:\n  userAgent: a\ncondition: s") + "---\n"
				+ ruleYaml("s:\n  userAgent: b\ncondition: s").replace("Test rule", "Second");
		var rules = new SigmaRuleParser().parse("two.yml", yaml);
		assertThat(rules).extracting(SigmaRule::title).containsExactly("Test rule", "Second");
		assertThat(rules).extracting(SigmaRule::source).containsExactly("two.yml", "two.yml");
	}

	@Test
	void anErrorInTheSecondDocumentNamesItsLine() {
		var yaml = ruleYaml("s:\n  userAgent: a\ncondition: s") + "---\n"
				+ ruleYaml("s:\n  userAgent|bogus: b\ncondition: s");
		var rules = new SigmaRuleParser().parse("two.yml", yaml);
		var compiler = new SigmaCompiler(MAPPING);
		assertThatExceptionOfType(SigmaException.class)
			.isThrownBy(() -> compiler.compile(rules.get(1), Placeholders.NONE))
			.withMessageStartingWith("two.yml:18: unknown modifier 'bogus'");
	}

	@Test
	void fieldsTheRecordCannotSupplyMakeTheRuleUnsupported() {
		var load = load("s:\n  CommandLine|contains: whoami\n  Image: cmd.exe\n  userAgent: x\ncondition: s",
				Placeholders.NONE);
		assertThat(load).isInstanceOfSatisfying(RuleLoad.Unsupported.class,
				unsupported -> assertThat(unsupported.reason())
					.isEqualTo("fields 'CommandLine', 'Image' cannot be supplied from Graph sign-in records"));
	}

	private static SigmaException catchSigma(String yaml) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(SigmaException.class,
				() -> new SigmaRuleParser().parse("broken.yml", yaml));
	}

}
