package io.vigil.graph.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.graph.Backlog;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphRetryLater;
import io.vigil.graph.GraphUnavailable;
import io.vigil.shared.GraphCredentials;
import tools.jackson.databind.json.JsonMapper;

/**
 * One GET of a Graph log collection (sign-ins, directory audits, risk detections), the
 * same way for each: the token first, then a slot from the cluster-wide
 * {@link GraphBudget}; a 429 blocks the tenant for its Retry-After; 401/403 become
 * {@link GraphAccessDenied} with the reason Graph gave. No retries here: the caller
 * reschedules, so a waiting tenant never holds a thread that another tenant could use.
 */
final class GraphLogClient {

	private static final String NON_PREMIUM = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

	/**
	 * Identity guidance: without a Retry-After, wait at least 5 s before the first retry.
	 */
	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private final GraphEndpoints endpoints;

	private final MsalTokenSource tokens;

	private final GraphBudget budget;

	private final HttpClient http;

	private final JsonMapper mapper;

	private final Clock clock;

	private final MeterRegistry registry;

	GraphLogClient(GraphEndpoints endpoints, MsalTokenSource tokens, GraphBudget budget, JsonMapper mapper, Clock clock,
			MeterRegistry registry) {
		this.endpoints = endpoints;
		this.tokens = tokens;
		this.budget = budget;
		this.mapper = mapper;
		this.clock = clock;
		this.registry = registry;
		this.http = HttpClient.newBuilder()
			.sslContext(endpoints.sslContext())
			.connectTimeout(endpoints.requestTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	String base() {
		return endpoints.graphBaseUrl().toString().replaceAll("/+$", "");
	}

	/**
	 * A nextLink as Graph gave it, refused when it leaves Graph's host or TLS (the bearer
	 * token goes with it).
	 */
	URI link(String nextLink) {
		var uri = URI.create(nextLink);
		if (!followable(endpoints.graphBaseUrl(), uri)) {
			throw new GraphUnavailable("Refusing a nextLink outside Graph: " + uri.getScheme() + "://" + uri.getHost(),
					null);
		}
		return uri;
	}

	static boolean followable(URI graph, URI link) {
		return "https".equalsIgnoreCase(link.getScheme()) && graph.getHost().equalsIgnoreCase(link.getHost())
				&& graph.getPort() == link.getPort();
	}

	/**
	 * @param what what is read, for messages ("sign-in logs")
	 * @return the body of a 200 answer
	 */
	byte[] get(GraphCredentials credentials, URI uri, String what) {
		// The token first: the token endpoint is not part of the reports budget, and the
		// slot is taken right
		// before the request leaves, so Graph sees requests spaced as the budget spaced
		// them.
		var token = tokens.accessToken(credentials);
		budget.tryAcquire(credentials.clientId(), credentials.entraTenantId(), Backlog.active()).ifPresent(wait -> {
			throw new GraphRetryLater(clock.instant().plus(wait), false, "Graph budget used up for now");
		});
		var request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.header("Accept-Encoding", CompressedBodies.ACCEPT_ENCODING)
			.header("Prefer", "include-unknown-enum-members")
			.timeout(endpoints.requestTimeout())
			.GET()
			.build();
		var response = send(request, credentials);
		Counter.builder("vigil.graph.requests")
			.description("Log requests to Microsoft Graph, by answer (429: throttled)")
			.tag("status", Integer.toString(response.statusCode()))
			.register(registry)
			.increment();
		return switch (response.statusCode()) {
			case 200 -> response.body();
			case 429 -> throw throttled(response, credentials);
			case 401, 403 -> throw denied(response, credentials, what);
			default -> throw new GraphUnavailable("Graph answered " + response.statusCode() + " for tenant "
					+ credentials.entraTenantId() + ": " + errorCode(response), null);
		};
	}

	private HttpResponse<byte[]> send(HttpRequest request, GraphCredentials credentials) {
		try {
			return http.send(request, CompressedBodies.handler());
		}
		catch (HttpTimeoutException ex) {
			throw new GraphUnavailable("Graph did not answer within " + endpoints.requestTimeout() + " for tenant "
					+ credentials.entraTenantId(), ex);
		}
		catch (IOException ex) {
			throw new GraphUnavailable("Could not reach Graph for tenant " + credentials.entraTenantId() + ": " + ex,
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GraphUnavailable("Interrupted while calling Graph", ex);
		}
	}

	private GraphRetryLater throttled(HttpResponse<byte[]> response, GraphCredentials credentials) {
		var retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
			.orElse(DEFAULT_RETRY_AFTER);
		budget.block(credentials.clientId(), credentials.entraTenantId(), retryAfter);
		return new GraphRetryLater(clock.instant().plus(retryAfter), true,
				"Graph throttled tenant " + credentials.entraTenantId() + " (429), retry after " + retryAfter);
	}

	private GraphAccessDenied denied(HttpResponse<byte[]> response, GraphCredentials credentials, String what) {
		var code = errorCode(response);
		var message = errorMessage(response);
		if (NON_PREMIUM.equalsIgnoreCase(code)) {
			return new GraphAccessDenied(GraphAccessDenied.Reason.LICENCE_REQUIRED, code,
					"Tenant " + credentials.entraTenantId() + " has no Entra ID P1/P2 licence: Graph does not serve "
							+ "its " + what + " (" + message + ")");
		}
		if (response.statusCode() == 403 && message.toLowerCase(java.util.Locale.ROOT).contains("not licensed")) {
			// Identity Protection without Entra ID P2
			return new GraphAccessDenied(GraphAccessDenied.Reason.LICENCE_REQUIRED, code, "Tenant "
					+ credentials.entraTenantId() + " is not licensed for its " + what + " (" + message + ")");
		}
		var reason = response.statusCode() == 401 ? GraphAccessDenied.Reason.CONSENT_MISSING
				: GraphAccessDenied.Reason.PERMISSION_MISSING;
		return new GraphAccessDenied(reason, code, "Graph refused " + what + " of tenant " + credentials.entraTenantId()
				+ " (" + response.statusCode() + " " + code + "): " + message);
	}

	private String errorCode(HttpResponse<byte[]> response) {
		return errorField(response, "code");
	}

	private String errorMessage(HttpResponse<byte[]> response) {
		return errorField(response, "message");
	}

	private String errorField(HttpResponse<byte[]> response, String field) {
		try {
			return mapper.readTree(response.body()).path("error").path(field).asString("unknown");
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	/** Ends its connections and selector thread: the feed that owns it is closing. */
	void close() {
		http.shutdownNow();
	}

}
