package io.vigil.graph.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.GraphLimits;
import io.vigil.graph.simulator.SimulatorScenario.OtherClient;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator throttles as Graph throttles the identity reports (per app across
 * tenants, per app and tenant, in a sliding window), knows several app registrations, and
 * tells a harness what it saw.
 */
class GraphLimitsTests {

	static final String ONE = "22222222-0000-4000-8000-000000000001";

	static final String TWO = "22222222-0000-4000-8000-000000000002";

	@Test
	void aWindowHoldsNoMoreThanTheLimitAndSaysWhenThereIsRoom() {
		var limits = new ReportingLimits(new GraphLimits(3, 2, Duration.ofSeconds(10)));
		var start = Instant.parse("2026-11-30T10:00:00Z");
		assertThat(limits.admit("app", ONE, start)).isEmpty();
		assertThat(limits.admit("app", ONE, start.plusSeconds(1))).isEmpty();
		assertThat(limits.admit("app", ONE, start.plusSeconds(2))).as("third for the tenant").hasValue(8);
		assertThat(limits.admit("app", TWO, start.plusSeconds(2))).isEmpty();
		assertThat(limits.admit("app", TWO, start.plusSeconds(3))).as("fourth for the app").hasValue(7);
		assertThat(limits.admit("other-app", TWO, start.plusSeconds(3))).as("another app's budget").isEmpty();
		assertThat(limits.admit("app", ONE, start.plusSeconds(10))).as("the first has left the window").isEmpty();
	}

	@Test
	void theBusiestWindowIsCounted() {
		var start = Instant.parse("2026-11-30T10:00:00Z");
		// a window is (t - 10 s, t], as the limit counts: 0 s and 10 s are never in one
		var times = List.of(start.plusSeconds(30), start, start.plusSeconds(1), start.plusSeconds(9),
				start.plusSeconds(10), start.plusMillis(10_500));
		assertThat(RequestStats.peak(new java.util.ArrayList<>(times), Duration.ofSeconds(10))).isEqualTo(4);
	}

	@Test
	void throttlesPerTenantKnowsOtherClientsAndReportsWhatItSaw() throws Exception {
		var now = Instant.parse("2026-11-21T12:00:00Z");
		var scenario = new SimulatorScenario(7, "client-a", new Secret("secret-a"), List.of(tenant(ONE), tenant(TWO)),
				List.of(new OtherClient("client-b", new Secret("secret-b"))), GraphLimits.IDENTITY_REPORTS);
		try (var simulator = GraphSimulator.start(scenario, Clock.fixed(now, ZoneOffset.UTC), 0)) {
			var http = HttpClient.newBuilder().sslContext(simulator.clientSslContext()).build();
			var tokens = new MsalTokenSource(new GraphEndpoints(simulator.baseUrl(), simulator.baseUrl(),
					simulator.clientSslContext(), Duration.ofSeconds(5), true));
			var a = tokens.accessToken(new GraphCredentials(ONE, "client-a", new Secret("secret-a")));
			var b = tokens.accessToken(new GraphCredentials(ONE, "client-b", new Secret("secret-b")));
			assertThatThrownBy(() -> tokens.accessToken(new GraphCredentials(ONE, "client-b", new Secret("secret-a"))))
				.isInstanceOf(GraphAccessDenied.class);
			var url = simulator.baseUrl() + "/beta/auditLogs/signIns?$top=1000";
			for (int i = 0; i < 5; i++) {
				assertThat(get(http, url, a).statusCode()).isEqualTo(200);
			}
			var throttled = get(http, url, a);
			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(throttled.headers().firstValue("Retry-After")).hasValue("10");
			assertThat(get(http, url, b).statusCode()).as("another app registration's own budget").isEqualTo(200);

			var stats = JsonMapper.builder()
				.build()
				.readTree(http
					.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/stats")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
			assertThat(stats.path("requests").asInt()).isEqualTo(7);
			assertThat(stats.path("throttled").asInt()).isEqualTo(1);
			assertThat(stats.path("peakPerApp").path("client-a").asInt()).isEqualTo(5);
			assertThat(stats.path("peakPerApp").path("client-b").asInt()).isEqualTo(1);
			assertThat(stats.path("peakPerTenant").asInt()).isEqualTo(5);
			assertThat(stats.path("completedListings").path(ONE + "|null").size()).isEqualTo(6);
		}
	}

	private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static TenantScenario tenant(String id) {
		return new TenantScenario(id, "Tenant", "t" + id.substring(35) + ".example", 10, Duration.ofHours(2),
				Duration.ofHours(1), 6, 0.5, 0, Duration.ZERO, 0, 0, true, false, Faults.NONE, List.of());
	}

}
