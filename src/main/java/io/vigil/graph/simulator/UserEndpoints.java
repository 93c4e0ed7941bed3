package io.vigil.graph.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user actions Vigil's response module calls: {@code POST /v1.0/users/{id}/revokeSignInSessions} and
 * {@code PATCH /v1.0/users/{id}} with {@code accountEnabled}; plus {@code GET /v1.0/users/{id}} to read the result.
 * The simulator records each call, so tests can assert exactly what was done.
 */
final class UserEndpoints {

	private final Map<String, SignInTimeline> timelines;

	private final JsonMapper mapper;

	private final Map<String, Boolean> accountEnabled = new ConcurrentHashMap<>();

	UserEndpoints(Map<String, SignInTimeline> timelines, JsonMapper mapper) {
		this.timelines = timelines;
		this.mapper = mapper;
	}

	int handle(HttpExchange exchange, String tenantId, String userRef, String action, String body)
			throws IOException {
		var user = find(tenantId, userRef);
		if (user.isEmpty()) {
			Exchanges.json(exchange, 404, Exchanges.graphError("Request_ResourceNotFound",
					"Resource '" + userRef + "' does not exist or one of its queried reference-property objects are not present."));
			return 404;
		}
		var key = tenantId.toLowerCase() + "|" + user.get().id();
		var method = exchange.getRequestMethod();
		if (method.equals("POST") && action.equals("revokeSignInSessions")) {
			Exchanges.json(exchange, 200,
					"{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean\",\"value\":true}");
			return 200;
		}
		if (method.equals("PATCH") && action.isEmpty()) {
			var patch = mapper.readTree(body.isBlank() ? "{}" : body);
			if (patch.has("accountEnabled")) {
				accountEnabled.put(key, patch.get("accountEnabled").asBoolean());
			}
			Exchanges.empty(exchange, 204);
			return 204;
		}
		if (method.equals("GET") && action.isEmpty()) {
			var node = mapper.createObjectNode()
				.put("id", user.get().id())
				.put("userPrincipalName", user.get().userPrincipalName())
				.put("displayName", user.get().displayName())
				.put("accountEnabled", accountEnabled.getOrDefault(key, true));
			Exchanges.json(exchange, 200, mapper.writeValueAsString(node));
			return 200;
		}
		Exchanges.json(exchange, 405, Exchanges.graphError("Request_BadRequest", "Unsupported method " + method));
		return 405;
	}

	boolean isEnabled(String tenantId, String userId) {
		return accountEnabled.getOrDefault(tenantId.toLowerCase() + "|" + userId, true);
	}

	private Optional<SimUser> find(String tenantId, String userRef) {
		var timeline = timelines.get(tenantId.toLowerCase());
		return timeline == null ? Optional.empty()
				: timeline.users()
					.stream()
					.filter(u -> u.id().equalsIgnoreCase(userRef) || u.userPrincipalName().equalsIgnoreCase(userRef))
					.findFirst();
	}

}
