package io.vigil.graph.simulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request the simulator received, for tests and demos to assert on.
 *
 * @param tenantId the Entra tenant the request was for (from the URL or the bearer
 * token), null if unknown
 * @param body the request body (user actions), empty for GET
 * @param gzipped whether the answer was sent gzip-compressed (the client asked for it)
 */
public record RecordedRequest(@Nullable String tenantId, String method, String path, @Nullable String query,
		String body, int status, Instant at, boolean gzipped) {

	public boolean isSignInList() {
		return method.equals("GET") && path.equalsIgnoreCase("/beta/auditLogs/signIns");
	}

	public boolean isTokenRequest() {
		return path.endsWith("/oauth2/v2.0/token");
	}

}
