package io.vigil.graph.simulator;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first user of every simulated tenant is its Global Administrator: the app, holding
 * no directory role, may not revoke or block it (Entra answers 403), as it may not act
 * without the permission for the action. The user actions Vigil's response module calls:
 * {@code POST /v1.0/users/{id}/revokeSignInSessions}, {@code PATCH /v1.0/users/{id}} with
 * {@code accountEnabled} or {@code passwordProfile} (checked against Entra's complexity
 * rule), the user's {@link SecurityInfo}; plus {@code GET /v1.0/users/{id}} to read the
 * result. The simulator records each call, so tests can assert exactly what was done.
 */
final class UserEndpoints {

	private final Map<String, SignInTimeline> timelines;

	private final JsonMapper mapper;

	final Map<String, Boolean> accountEnabled = new ConcurrentHashMap<>();

	final Map<String, Integer> passwordResets = new ConcurrentHashMap<>();

	private final SecurityInfo securityInfo;

	/**
	 * Per tenant: how many more user requests answer 429, and with which Retry-After
	 * (seconds).
	 */
	final Map<String, int[]> throttled = new ConcurrentHashMap<>();

	UserEndpoints(Map<String, SignInTimeline> timelines, JsonMapper mapper) {
		this.timelines = timelines;
		this.mapper = mapper;
		this.securityInfo = new SecurityInfo(mapper);
	}

	int handle(HttpExchange exchange, String tenantId, String userRef, String action, String body) throws IOException {
		var throttle = throttled.get(tenantId.toLowerCase());
		if (throttle != null && throttle[0] > 0) {
			throttle[0]--;
			exchange.getResponseHeaders().set("Retry-After", String.valueOf(throttle[1]));
			Exchanges.json(exchange, 429, Exchanges.graphError("TooManyRequests",
					"Too many requests. Please retry after " + throttle[1] + " seconds."));
			return 429;
		}
		var user = find(tenantId, userRef);
		if (user.isEmpty()) {
			Exchanges.json(exchange, 404, Exchanges.graphError("Request_ResourceNotFound", "Resource '" + userRef
					+ "' does not exist or one of its queried reference-property objects are not present."));
			return 404;
		}
		var key = tenantId.toLowerCase() + "|" + user.get().id();
		var method = exchange.getRequestMethod();
		var timeline = timelines.get(tenantId.toLowerCase());
		var granted = timeline.tenant().permissions();
		var admin = timeline.users().getFirst().id().equals(user.get().id());
		if (SecurityInfo.handles(action)) {
			if (admin && !method.equals("GET")) {
				return Exchanges.denied(exchange);
			}
			return securityInfo.handle(exchange, timeline, user.get(), action, body);
		}
		if (method.equals("GET") && (action.equalsIgnoreCase("memberOf/microsoft.graph.directoryRole")
				|| action.equalsIgnoreCase("memberOf/graph.directoryRole"))) {
			Exchanges.json(exchange, 200,
					"{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#directoryRoles\"," + "\"value\":["
							+ (admin ? "{\"@odata.type\":\"#microsoft.graph.directoryRole\",\"id\":\""
									+ UUID.nameUUIDFromBytes((tenantId + "/ga").getBytes())
									+ "\",\"displayName\":\"Global "
									+ "Administrator\",\"roleTemplateId\":\"62e90394-69f5-4237-9190-012177145e10\"}"
									: "")
							+ "]}");
			return 200;
		}
		var patch = method.equals("PATCH") ? mapper.readTree(body.isBlank() ? "{}" : body) : null;
		var needed = method.equals("POST") ? "User.RevokeSessions.All" : patch != null && patch.has("passwordProfile")
				? "User-PasswordProfile.ReadWrite.All" : patch != null ? "User.EnableDisableAccount.All" : null;
		if (needed != null && (!granted.contains(needed) && !granted.contains("User.ReadWrite.All") || admin)) {
			// without the permission, or on an administrator the app holds no directory
			// role for: Entra refuses
			return Exchanges.denied(exchange);
		}
		if (method.equals("POST") && action.equals("revokeSignInSessions")) {
			Exchanges.json(exchange, 200,
					"{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean\",\"value\":true}");
			return 200;
		}
		if (patch != null && action.isEmpty()) {
			if (patch.has("passwordProfile")) {
				var profile = patch.get("passwordProfile");
				if (!profile.path("password").asString("").matches("(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,256}")) {
					Exchanges.json(exchange, 400,
							Exchanges.graphError("Request_BadRequest",
									"The specified password does not comply with password complexity requirements. "
											+ "Please provide a different password."));
					return 400;
				}
				passwordResets.merge(key, 1, Integer::sum);
			}
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

	void throttle(String tenantId, int requests, int retryAfterSeconds) {
		throttled.put(tenantId.toLowerCase(), new int[] { requests, retryAfterSeconds });
	}

	int passwordResets(String tenantId, String userId) {
		return passwordResets.getOrDefault(tenantId.toLowerCase() + "|" + userId, 0);
	}

	SecurityInfo securityInfo() {
		return securityInfo;
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
