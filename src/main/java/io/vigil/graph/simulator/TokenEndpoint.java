package io.vigil.graph.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;

/**
 * The Entra token endpoint ({@code POST /{tenant}/oauth2/v2.0/token}) for the
 * client-credentials grant, answering as Entra does: a bearer token, or an OAuth error
 * with its AADSTS code.
 */
final class TokenEndpoint {

	private static final Duration LIFETIME = Duration.ofMinutes(60);

	private final SimulatorScenario scenario;

	private final SimTokens tokens;

	private final Clock clock;

	private final ClientAssertions assertions;

	TokenEndpoint(SimulatorScenario scenario, SimTokens tokens, Clock clock, ClientAssertions assertions) {
		this.assertions = assertions;
		this.scenario = scenario;
		this.tokens = tokens;
		this.clock = clock;
	}

	int handle(HttpExchange exchange, String tenantId) throws IOException {
		var form = Exchanges.parameters(Exchanges.body(exchange));
		var tenant = scenario.tenants().stream().filter(t -> t.tenantId().equalsIgnoreCase(tenantId)).findFirst();
		if (tenant.isEmpty()) {
			return error(exchange, 400, "invalid_request", 90002, "Tenant '" + tenantId + "' not found. Check to "
					+ "make sure you have the correct tenant ID and are signing into the correct cloud.");
		}
		if (!"client_credentials".equals(form.get("grant_type"))) {
			return error(exchange, 400, "unsupported_grant_type", 70003,
					"The app requested an unsupported grant type.");
		}
		var clientId = form.get("client_id");
		var secret = scenario.secretOf(clientId);
		if (secret.isEmpty() || tenant.get().consentRevoked()) {
			return error(exchange, 400, "unauthorized_client", 700016, "Application with identifier '"
					+ form.get("client_id") + "' was not found in the directory '" + tenantId + "'. This can happen "
					+ "if the application has not been installed by the administrator of the tenant or consented to "
					+ "by any user in the tenant.");
		}
		if (form.containsKey("client_assertion")) {
			var problem = assertions.problem(form.get("client_assertion"), form.get("client_assertion_type"),
					scenario.clientId(), clock.instant());
			if (problem != null) {
				return error(exchange, 401, "invalid_client", 700027, problem);
			}
		}
		else if (!secret.get().reveal().equals(form.get("client_secret"))) {
			return error(exchange, 401, "invalid_client", 7000215,
					"Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
							+ "value, not the client secret ID.");
		}
		var token = tokens.issue(tenant.get().tenantId(), clientId, clock.instant().plus(LIFETIME),
				tenant.get().permissions());
		Exchanges.json(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + LIFETIME.toSeconds()
				+ ",\"ext_expires_in\":" + LIFETIME.toSeconds() + ",\"access_token\":\"" + token + "\"}");
		return 200;
	}

	private static int error(HttpExchange exchange, int status, String error, int code, String description)
			throws IOException {
		Exchanges.json(exchange, status,
				"{\"error\":\"" + error + "\",\"error_description\":\"AADSTS" + code + ": "
						+ description.replace("\"", "'") + "\",\"error_codes\":[" + code + "],\"timestamp\":\""
						+ java.time.Instant.now() + "\",\"trace_id\":\"00000000-0000-0000-0000-000000000000\","
						+ "\"correlation_id\":\"00000000-0000-0000-0000-000000000000\"}");
		return status;
	}

}
