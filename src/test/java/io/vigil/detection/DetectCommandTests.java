package io.vigil.detection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DetectCommandTests {

	private static final String CLOUDFLARE = """
			{"id":"cf-1","createdDateTime":"2026-11-20T10:00:00Z","ipAddress":"104.16.3.4","autonomousSystemNumber":13335,"status":{"errorCode":0},"userAgent":"Mozilla/5.0"}""";

	private static final String AXIOS_FAILED = """
			{"id":"ax-1","ipAddress":"45.61.140.10","status":{"errorCode":50126},"userAgent":"axios/1.7.9"}""";

	private static final String ORDINARY = """
			{"id":"ok-1","ipAddress":"81.2.69.160","status":{"errorCode":0},"userAgent":"Mozilla/5.0","clientAppUsed":"Browser"}""";

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int detect(String... args) {
		return DetectCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private Path write(String name, String content) throws IOException {
		var file = directory.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void printsOneJsonLinePerMatch() throws IOException {
		var events = write("events.jsonl", CLOUDFLARE + "\n" + AXIOS_FAILED + "\n\n" + ORDINARY + "\n");
		assertThat(detect("--events", events.toString())).isZero();
		assertThat(output().lines()).containsExactly(
				"{\"event\":\"cf-1\",\"rule\":\"RULE-1143\",\"title\":\"Successful sign-in from CloudFlare infrastructure (AiTM phishing proxy)\"}",
				"{\"event\":\"ax-1\",\"rule\":\"ea1a07f0-3dac-47a2-aeb4-86f5379ba2b4\",\"title\":\"Azure Sign-In With Axios User Agent\"}");
	}

	@Test
	void addsRulesFromDirectoriesAndExplains() throws IOException {
		var events = write("events.jsonl", ORDINARY + "\n" + CLOUDFLARE + "\n");
		var rules = write("rules/custom/browser.yml", """
				title: Browser sign-in
				id: 5b6a3a52-7a8e-4f4a-9a0e-000000000001
				logsource: { product: azure, service: signinlogs }
				detection:
				  browser:
				    clientAppUsed: Browser
				  success:
				    Status: Success
				  condition: browser and success
				""").getParent().getParent();
		assertThat(
				detect("--events", events.toString(), "--rules", rules.toString(), "--explain", "--no-default-rules"))
			.isZero();
		assertThat(output().lines()).containsExactly(
				"{\"event\":\"ok-1\",\"rule\":\"5b6a3a52-7a8e-4f4a-9a0e-000000000001\",\"title\":\"Browser sign-in\",\"matched\":{\"browser\":true,\"success\":true}}",
				"{\"event\":\"cf-1\",\"rule\":\"RULE-1143\",\"title\":\"Successful sign-in from CloudFlare infrastructure (AiTM phishing proxy)\",\"matched\":{\"successful\":true,\"cloudflare_range\":true,\"cloudflare_asn\":true}}");
	}

	@Test
	void unreadableRulesExit2WithTheError() throws IOException {
		var events = write("events.jsonl", CLOUDFLARE + "\n");
		var rules = write("bad/broken.yml",
				"title: x\nid: y\ndetection:\n  s:\n    userAgent|re: '(['\n  condition: s\n");
		assertThat(detect("--events", events.toString(), "--rules", rules.getParent().toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.yml:5: invalid regular expression '(['");
		assertThat(output()).isEmpty();
	}

	/**
	 * Hostile rules: refused within seconds with exit 2, file and line; never a hang or a
	 * stack trace.
	 */
	@Test
	void pathologicalRulesExit2NamingFileAndLine() throws IOException {
		var events = write("events.jsonl", CLOUDFLARE + "\n");
		var backtracking = write("redos/backtracking.yml",
				"title: x\nid: y\ndetection:\n  s:\n    userAgent|re: '(.*){1,32000}[Q]'\n  condition: s\n");
		var deep = write("deep/deep.yml", "title: x\nid: y\ndetection:\n  s:\n    userAgent: a\n  condition: '"
				+ "(".repeat(100_000) + "s" + ")".repeat(100_000) + "'\n");
		var bomb = write("bomb/bomb.yml",
				"title: x\nid: y\nbig: &b " + "x".repeat(50_000) + "\nl: ["
						+ String.join(",", java.util.Collections.nCopies(100, "*b"))
						+ "]\ndetection:\n  s:\n    userAgent: a\n" + "  condition: s\n");
		org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
			assertThat(detect("--events", events.toString(), "--rules", backtracking.getParent().toString()))
				.isEqualTo(2);
			assertThat(detect("--events", events.toString(), "--rules", deep.getParent().toString())).isEqualTo(2);
			assertThat(detect("--events", events.toString(), "--rules", bomb.getParent().toString())).isEqualTo(2);
		});
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("backtracking.yml:5: invalid regular expression")
			.contains("deep.yml:6: condition: more than 10000 words")
			.contains("bomb.yml:3: the rule expands to more than")
			.doesNotContain("StackOverflowError")
			.doesNotContain("\tat ");
		assertThat(output()).isEmpty();
	}

	@Test
	void missingArgumentsAndFilesExit2() throws IOException {
		assertThat(detect()).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--events FILE.jsonl is required", "usage:");
		var events = write("events.jsonl", CLOUDFLARE + "\n");
		assertThat(detect("--events", events.toString(), "--rules", directory.resolve("nowhere").toString()))
			.isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("nowhere:0: no such file or directory");
	}

	@Test
	void anUnreadableEventLineIsReportedAndTheRestEvaluated() throws IOException {
		var events = write("events.jsonl", "{not json\n[1,2]\n" + CLOUDFLARE + "\n");
		assertThat(detect("--events", events.toString())).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("events.jsonl:1: not a JSON object")
			.contains("events.jsonl:2: not a JSON object");
		assertThat(output().lines()).hasSize(1).allMatch(line -> line.contains("\"cf-1\""));
	}

	@Test
	void rulesThatNeedPlaceholdersAreNamedNotSilentlySkipped() throws IOException {
		var events = write("events.jsonl", CLOUDFLARE + "\n");
		write("p/countries.yml", """
				title: Unknown country
				id: 5b6a3a52-7a8e-4f4a-9a0e-000000000002
				detection:
				  known:
				    Location|expand: '%KnownCountries%'
				  condition: not known
				""");
		assertThat(detect("--events", events.toString(), "--rules", directory.resolve("p").toString())).isZero();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains(
				"not evaluated: 5b6a3a52-7a8e-4f4a-9a0e-000000000002 (Unknown country): placeholders without values: KnownCountries");
	}

}
