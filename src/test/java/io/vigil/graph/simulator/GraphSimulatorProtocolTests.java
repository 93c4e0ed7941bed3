package io.vigil.graph.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.graph.simulator.SimulatorScenario.Attack;
import io.vigil.graph.simulator.SimulatorScenario.AttackKind;
import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator speaks Graph's protocol: real msal4j gets tokens from it, and plain HTTPS
 * pages through it.
 */
class GraphSimulatorProtocolTests {

	static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	static final String TENANT = "11111111-0000-4000-8000-000000000001";

	static final String UNLICENSED = "11111111-0000-4000-8000-000000000002";

	static final String REVOKED = "11111111-0000-4000-8000-000000000003";

	static final String THROTTLED = "11111111-0000-4000-8000-000000000004";

	final JsonMapper json = JsonMapper.builder().build();

	GraphSimulator simulator;

	HttpClient http;

	MsalTokenSource tokens;

	@BeforeEach
	void start() {
		simulator = GraphSimulator.start(scenario(1), Clock.fixed(NOW, ZoneOffset.UTC), 0);
		http = HttpClient.newBuilder().sslContext(simulator.clientSslContext()).build();
		tokens = new MsalTokenSource(new GraphEndpoints(simulator.baseUrl(), simulator.baseUrl(),
				simulator.clientSslContext(), Duration.ofSeconds(5), true));
	}

	@AfterEach
	void stop() {
		simulator.close();
	}

	@Test
	void issuesTokensToMsal4jAndRefusesWhatEntraRefuses() {
		var token = tokens.accessToken(credentials(TENANT, "secret"));
		var payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(payload).as("a JWT like Entra's, with the tenant and the granted application permissions")
			.contains("\"tid\":\"" + TENANT + "\"", "\"roles\":[\"AuditLog.Read.All\"");
		assertThatThrownBy(() -> tokens.accessToken(credentials(TENANT, "wrong")))
			.isInstanceOfSatisfying(GraphAccessDenied.class,
					ex -> assertThat(ex.graphCode()).isEqualTo("AADSTS7000215"))
			.hasMessageNotContaining("wrong");
		assertThatThrownBy(() -> tokens.accessToken(credentials(REVOKED, "secret"))).isInstanceOfSatisfying(
				GraphAccessDenied.class, ex -> assertThat(ex.graphCode()).isEqualTo("AADSTS700016"));
		assertThat(simulator.requests()).filteredOn(RecordedRequest::isTokenRequest).hasSize(3);
	}

	@Test
	void pagesNewestFirstThroughAbsoluteNextLinks() throws Exception {
		var filter = "createdDateTime ge 2026-11-21T09:00:00Z and createdDateTime le 2026-11-21T12:00:00Z "
				+ "and signInEventTypes/any(t: t eq 'nonInteractiveUser')";
		var url = simulator.baseUrl() + "/beta/auditLogs/signIns?$filter=" + encode(filter) + "&$top=50";
		var ids = new ArrayList<String>();
		var times = new ArrayList<Instant>();
		int pages = 0;
		while (url != null) {
			var page = get(TENANT, url);
			assertThat(page.statusCode()).isEqualTo(200);
			var body = json.readTree(page.body());
			for (var signIn : body.get("value")) {
				assertThat(signIn.path("signInEventTypes").get(0).asString()).isEqualTo("nonInteractiveUser");
				ids.add(signIn.get("id").asString());
				times.add(Instant.parse(signIn.get("createdDateTime").asString()));
			}
			url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asString() : null;
			assertThat(url == null || url.startsWith(simulator.baseUrl() + "/beta/auditLogs/signIns?")).isTrue();
			pages++;
		}
		assertThat(pages).isGreaterThan(3);
		assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(ids).doesNotHaveDuplicates().hasSizeBetween(150, 250);
	}

	@Test
	void listsOnlyInteractiveSignInsWithoutATypeFilter() throws Exception {
		var body = json.readTree(get(TENANT, simulator.baseUrl() + "/beta/auditLogs/signIns?$top=1000").body());
		assertThat(body.get("value")).isNotEmpty()
			.allSatisfy(s -> assertThat(s.path("isInteractive").asBoolean()).isTrue());
	}

	@Test
	void servesRealisticallySizedRecordsWithTheAttacks() throws Exception {
		var body = json.readTree(get(TENANT, simulator.baseUrl() + "/beta/auditLogs/signIns?$top=1000").body());
		var sizes = new ArrayList<Integer>();
		var cloudflare = new ArrayList<JsonNode>();
		for (var signIn : body.get("value")) {
			sizes.add(json.writeValueAsString(signIn).length());
			if (signIn.path("autonomousSystemNumber").asInt() == 13335) {
				cloudflare.add(signIn);
			}
		}
		assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(2_000, 12_000));
		assertThat(cloudflare).hasSize(2).allSatisfy(s -> {
			assertThat(s.path("status").path("errorCode").asInt()).isZero();
			assertThat(s.path("ipAddress").asString()).matches("104\\.16\\..*|2606:4700:.*");
		});
	}

	@Test
	void compressesPagesWithGzipOnlyWhenAskedAsGraphDoes() throws Exception {
		var url = URI.create(simulator.baseUrl() + "/beta/auditLogs/signIns?$top=100");
		var token = tokens.accessToken(credentials(TENANT, "secret"));
		var plain = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		var compressed = http.send(HttpRequest.newBuilder(url)
			.header("Authorization", "Bearer " + token)
			.header("Accept-Encoding", "gzip")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(compressed.body().length).isLessThan(plain.body().length / 5);
		try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed.body()))) {
			assertThat(json.readTree(in.readAllBytes())).isEqualTo(json.readTree(plain.body()));
		}
	}

	@Test
	void answersErrorsAsGraphDoes() throws Exception {
		var base = simulator.baseUrl() + "/beta/auditLogs/signIns";
		assertThat(get(TENANT, base + "?$top=1001").statusCode()).isEqualTo(400);
		assertThat(get(TENANT, base + "?$filter=" + encode("userId eq 'x'")).statusCode()).isEqualTo(400);
		var unlicensed = get(UNLICENSED, base);
		assertThat(unlicensed.statusCode()).isEqualTo(403);
		assertThat(unlicensed.body()).contains("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
		var anonymous = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void throttlesOnScheduleWithRetryAfter() throws Exception {
		var statuses = new ArrayList<Integer>();
		HttpResponse<String> throttled = null;
		for (int i = 0; i < 6; i++) {
			var response = get(THROTTLED, simulator.baseUrl() + "/beta/auditLogs/signIns?$top=10");
			statuses.add(response.statusCode());
			throttled = response.statusCode() == 429 ? response : throttled;
		}
		assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
		assertThat(throttled.headers().firstValue("Retry-After")).contains("4");
	}

	@Test
	void recordsUserActions() throws Exception {
		var user = simulator.users(TENANT).keySet().iterator().next();
		var token = tokens.accessToken(credentials(TENANT, "secret"));
		var revoke = http.send(HttpRequest
			.newBuilder(URI.create(simulator.baseUrl() + "/v1.0/users/" + user + "/revokeSignInSessions"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(revoke.statusCode()).isEqualTo(200);
		assertThat(revoke.body()).contains("\"value\":true");
		var block = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1.0/users/" + user))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"accountEnabled\":false}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(block.statusCode()).isEqualTo(204);
		assertThat(SimulatorProbe.isAccountEnabled(simulator, TENANT, user)).isFalse();
		assertThat(simulator.requests(TENANT)).filteredOn(r -> r.path().startsWith("/v1.0/users/"))
			.extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::body, RecordedRequest::status)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("POST", "/v1.0/users/" + user + "/revokeSignInSessions", "",
							200),
					org.assertj.core.groups.Tuple.tuple("PATCH", "/v1.0/users/" + user, "{\"accountEnabled\":false}",
							204));
	}

	@Test
	void isDeterministicForASeed() {
		try (var again = GraphSimulator.start(scenario(1), Clock.fixed(NOW, ZoneOffset.UTC), 0);
				var other = GraphSimulator.start(scenario(2), Clock.fixed(NOW, ZoneOffset.UTC), 0)) {
			assertThat(SimulatorProbe.visibleSignInIds(again, TENANT))
				.isEqualTo(SimulatorProbe.visibleSignInIds(simulator, TENANT))
				.hasSize(362);
			assertThat(SimulatorProbe.visibleSignInIds(other, TENANT))
				.doesNotContainAnyElementsOf(SimulatorProbe.visibleSignInIds(simulator, TENANT));
		}
	}

	private HttpResponse<String> get(String tenant, String url) throws Exception {
		var token = tokens.accessToken(credentials(tenant, "secret"));
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static GraphCredentials credentials(String tenant, String secret) {
		return new GraphCredentials(tenant, "client-id", new Secret(secret));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static SimulatorScenario scenario(long seed) {
		return new SimulatorScenario(seed, "client-id", new Secret("secret"), List.of(
				tenant(TENANT, true, false, Faults.NONE,
						List.of(new Attack(AttackKind.CLOUDFLARE_SUCCESS, Duration.ofMinutes(30), 2, 1,
								Duration.ofMinutes(1)))),
				tenant(UNLICENSED, false, false, Faults.NONE, List.of()),
				tenant(REVOKED, true, false, Faults.NONE, List.of()).withConsentRevoked(),
				tenant(THROTTLED, true, false, new Faults(3, 4, 0, 0, Duration.ofSeconds(1)), List.of())));
	}

	private static TenantScenario tenant(String id, boolean licensed, boolean revoked, Faults faults,
			List<Attack> attacks) {
		// 2 h to 1 h ago at 6 per minute: 360 sign-ins, plus the attacks.
		return new TenantScenario(id, "Tenant " + id.substring(35), "t" + id.substring(35) + ".example", 10,
				Duration.ofHours(2), Duration.ofHours(1), 6, 0.5, 0, Duration.ZERO, 0, 0, licensed, revoked, faults,
				attacks);
	}

}
