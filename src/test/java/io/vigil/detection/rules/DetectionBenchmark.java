package io.vigil.detection.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.vigil.detection.RuleStatus;
import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.detection.sigma.Placeholders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-event evaluation cost with Vigil's rule set and with 200 rules, and the cost of one
 * CloudFlare range check (JMH). Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=DetectionBenchmark}; results in
 * {@code target/benchmarks/detection.json}, figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectionBenchmark {

	static final int EVENTS = 4096;

	private RuleBook shipped;

	private RuleBook twoHundred;

	private RuleBook withCorrelations;

	private List<Map<String, Object>> records;

	private IPAddress[] addresses;

	private CloudflareNetworks cloudflare;

	private int next;

	@Setup
	public void setUp() {
		cloudflare = CloudflareNetworks.snapshot();
		var library = RuleLibrary.defaults(() -> cloudflare);
		shipped = library.ruleBook(Placeholders.NONE);
		var generated = RuleLibrary.defaults(() -> cloudflare);
		generated.addSigma("generated.yml", new StringReader(generatedRules(200 - shipped.rules().size())));
		twoHundred = generated.ruleBook(Placeholders.NONE);
		var correlated = RuleLibrary.defaults(() -> cloudflare);
		correlated.addSigma("generated.yml", new StringReader(generatedRules(200 - shipped.rules().size())));
		correlated.addSigma("correlations.yml", new StringReader(generatedCorrelations(20)));
		withCorrelations = correlated.ruleBook(Placeholders.NONE);
		records = signIns(EVENTS);
		addresses = records.stream()
			.map(r -> new IPAddressString((String) r.get("ipAddress")).getAddress())
			.toArray(IPAddress[]::new);
	}

	/**
	 * A fresh event per evaluation, as in ingest: the address is parsed (once) inside the
	 * measurement.
	 */
	@Benchmark
	public int shippedRules() {
		return shipped.evaluate(new SignInEvent(records.get(next++ & (EVENTS - 1)))).size();
	}

	@Benchmark
	public int twoHundredRules() {
		return twoHundred.evaluate(new SignInEvent(records.get(next++ & (EVENTS - 1)))).size();
	}

	/**
	 * 200 rules, 20 correlations naming 21 of them: per event, the rules and, for each
	 * match of a correlated rule, its correlation group and counted value (what detection
	 * does per sign-in; storing and counting the groups is per page, in the database).
	 */
	@Benchmark
	public int twoHundredRulesWithCorrelations() {
		var event = new SignInEvent(records.get(next++ & (EVENTS - 1)));
		var keys = 0;
		for (var match : withCorrelations.evaluate(event)) {
			keys += withCorrelations.correlationKeys(match.metadata().id(), event).size();
		}
		return keys;
	}

	@Benchmark
	public boolean cloudflareRangeCheck() {
		return cloudflare.contains(addresses[next++ & (EVENTS - 1)]);
	}

	@Test
	@Tag("benchmark")
	void run() throws Exception {
		io.vigil.Jmh.run(getClass(), "detection");
	}

	@Test
	void theBenchmarkRulesAreRealRules() {
		setUp();
		assertThat(twoHundred.rules()).hasSize(200);
		assertThat(twoHundred.statuses()).allMatch(status -> status.state() == RuleStatus.State.READY);
		long matching = records.stream().filter(r -> !twoHundred.evaluate(new SignInEvent(r)).isEmpty()).count();
		assertThat(matching).as("some events match, most do not").isBetween(1L, EVENTS / 2L);
	}

	@Test
	void theBenchmarkCorrelationsAreRealCorrelations() {
		setUp();
		assertThat(withCorrelations.correlations()).hasSize(20);
		assertThat(withCorrelations.statuses()).allMatch(status -> status.state() == RuleStatus.State.READY);
		long keys = records.stream().mapToLong(r -> {
			var event = new SignInEvent(r);
			return withCorrelations.evaluate(event)
				.stream()
				.mapToLong(m -> withCorrelations.correlationKeys(m.metadata().id(), event).size())
				.sum();
		}).sum();
		assertThat(keys).as("some matches count for correlations").isPositive();
	}

	/**
	 * Correlations over the generated rules, of every type, grouped as SigmaHQ's examples
	 * group (by address, by account).
	 */
	static String generatedCorrelations(int count) {
		var yaml = new StringBuilder();
		var types = List.of("event_count", "value_count", "temporal", "temporal_ordered");
		for (int i = 0; i < count; i++) {
			var type = types.get(i % types.size());
			yaml.append(i == 0 ? "" : "---\n")
				.append("title: Generated correlation ")
				.append(i)
				.append("\nid: 00000000-0000-4000-9000-")
				.append(String.format("%012d", i))
				.append("\nlevel: high\ncorrelation:\n  type: ")
				.append(type)
				.append("\n  rules:\n    - 00000000-0000-4000-8000-")
				.append(String.format("%012d", 2 * i))
				// and the shipped axios rule, which some benchmark events match
				.append("\n    - ea1a07f0-3dac-47a2-aeb4-86f5379ba2b4")
				.append("\n  group-by: [")
				.append(i % 2 == 0 ? "IPAddress" : "userPrincipalName")
				.append("]\n  timespan: 1h\n");
			if (type.equals("event_count")) {
				yaml.append("  condition: { gte: 5 }\n");
			}
			else if (type.equals("value_count")) {
				yaml.append("  condition: { gte: 3, field: userPrincipalName }\n");
			}
		}
		return yaml.toString();
	}

	/**
	 * Rules shaped like SigmaHQ's sign-in rules: text searches, codes, networks,
	 * negations, regexes.
	 */
	static String generatedRules(int count) {
		var yaml = new StringBuilder();
		var random = new SplittableRandom(7);
		for (int i = 0; i < count; i++) {
			yaml.append(i == 0 ? "" : "---\n")
				.append("title: Generated rule ")
				.append(i)
				.append('\n')
				.append("id: 00000000-0000-4000-8000-")
				.append(String.format("%012d", i))
				.append('\n')
				.append("logsource: { product: azure, service: signinlogs }\nlevel: medium\ndetection:\n")
				.append(detection(i, random));
		}
		return yaml.toString();
	}

	private static String detection(int i, SplittableRandom random) {
		var token = "tool" + i;
		return switch (i % 8) {
			case 0 -> "  selection:\n    userAgent|contains: '" + token + "'\n  condition: selection\n";
			case 1 -> "  selection:\n    ResultType: [50053, 50057, " + (50100 + i) + "]\n"
					+ "    AuthenticationRequirement: singleFactorAuthentication\n  condition: selection\n";
			case 2 -> "  selection:\n    IPAddress|cidr: ['198.51." + (i % 250) + ".0/24', '2001:db8:" + i
					+ "::/48']\n    ResultType: 0\n  condition: selection\n";
			case 3 -> "  selection:\n    Status|contains: 'code " + i + " denied'\n    ResultType: 500121\n"
					+ "  condition: selection\n";
			case 4 -> "  selection:\n    userPrincipalName|endswith: '@vendor" + i + ".example'\n"
					+ "  filter:\n    appDisplayName: Microsoft Teams\n  condition: selection and not filter\n";
			case 5 -> "  selection:\n    ResultType: 0\n    location.countryOrRegion: [KP, IR, SY, CU, X" + i
					+ "]\n  filter:\n    clientAppUsed: Browser\n  condition: selection and not filter\n";
			case 6 -> "  selection:\n    userAgent|re: '^python-requests/2\\.(" + i + ")\\.'\n  condition: selection\n";
			default -> "  selection_os:\n    deviceDetail.operatingSystem|startswith: 'Os" + i + "'\n"
					+ "  selection_risk:\n    riskLevelDuringSignIn: [high, medium]\n"
					+ "  condition: all of selection_*\n";
		};
	}

	private static final String[] AGENTS = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
			"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)", "axios/1.7.9" };

	/**
	 * Graph sign-in records with the fields and nesting of the real beta resource (mostly
	 * ordinary ones).
	 */
	static List<Map<String, Object>> signIns(int count) {
		var random = new SplittableRandom(11);
		var result = new ArrayList<Map<String, Object>>(count);
		for (int i = 0; i < count; i++) {
			var r = new LinkedHashMap<String, Object>();
			var cloud = random.nextInt(100) < 3;
			r.put("id", "66ea54eb-6301-4ee5-be62-ff5a759b" + String.format("%04d", i));
			r.put("createdDateTime", "2026-11-20T08:" + String.format("%02d", i % 60) + ":00Z");
			r.put("userDisplayName", "User " + i % 300);
			r.put("userPrincipalName", "user" + i % 300 + "@contoso.example");
			r.put("userId", "d1f4c3a2-0000-4000-8000-" + String.format("%012d", i % 300));
			r.put("appId", "de8bc8b5-d9f9-48b1-a8ad-b748da725064");
			r.put("appDisplayName", i % 3 == 0 ? "Microsoft Teams" : "Office 365 Exchange Online");
			r.put("ipAddress", cloud ? "104.16." + i % 250 + ".7" : i % 5 == 0
					? "2a02:a44" + i % 10 + ":1::" + Integer.toHexString(i) : "84.26." + i % 250 + "." + i % 200);
			r.put("autonomousSystemNumber", cloud ? 13335 : 1136);
			r.put("clientAppUsed", i % 2 == 0 ? "Browser" : "Mobile Apps and Desktop clients");
			r.put("userAgent", AGENTS[i % 97 == 0 ? 4 : i % 4]);
			r.put("correlationId", "c0d3" + i);
			r.put("conditionalAccessStatus", "success");
			r.put("isInteractive", i % 2 == 0);
			r.put("riskDetail", "none");
			r.put("riskLevelAggregated", "none");
			r.put("riskLevelDuringSignIn", i % 50 == 0 ? "medium" : "none");
			r.put("riskState", "none");
			r.put("resourceDisplayName", "Office 365 Exchange Online");
			r.put("authenticationRequirement", i % 3 == 0 ? "singleFactorAuthentication" : "multiFactorAuthentication");
			r.put("authenticationProtocol", "none");
			r.put("signInEventTypes", List.of(i % 2 == 0 ? "interactiveUser" : "nonInteractiveUser"));
			var code = random.nextInt(100) < 88 ? 0 : 50126;
			r.put("status",
					code == 0 ? Map.of("errorCode", 0)
							: Map.of("errorCode", code, "failureReason",
									"Error validating credentials due to invalid username or password.",
									"additionalDetails", "The user didn't enter the right credentials."));
			r.put("location", Map.of("city", "Utrecht", "state", "Utrecht", "countryOrRegion",
					i % 40 == 0 ? "IR" : "NL", "geoCoordinates", Map.of("latitude", 52.09, "longitude", 5.12)));
			r.put("deviceDetail", Map.of("deviceId", "", "operatingSystem", i % 2 == 0 ? "Windows10" : "Ios", "browser",
					"Edge 131.0.0", "isCompliant", false, "isManaged", false));
			var policies = new ArrayList<Map<String, Object>>();
			for (int p = 0; p < 3 + i % 10; p++) {
				policies.add(Map.of("id", "policy-" + p, "displayName", "Require MFA " + p, "result",
						p % 3 == 0 ? "notApplied" : "success", "enforcedGrantControls", List.of("Mfa")));
			}
			r.put("appliedConditionalAccessPolicies", policies);
			r.put("authenticationDetails", List.of(Map.of("authenticationMethod", "Password", "succeeded", true,
					"authenticationStepResultDetail", "Correct password")));
			result.add(r);
		}
		return result;
	}

}
