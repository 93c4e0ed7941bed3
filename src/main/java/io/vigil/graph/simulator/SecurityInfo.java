package io.vigil.graph.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated user's security info: registered authentication methods
 * ({@code /authentication/methods}, deleted through the type-specific collections) and
 * Inbox rules ({@code /mailFolders/inbox/messageRules}, disabled with PATCH). Everyone
 * has a password and an authenticator registered long ago, and a harmless newsletter
 * rule; the user an account-takeover attack targets also has what attackers leave behind:
 * an authenticator registered minutes after the attack and two rules that hide and
 * forward mail. All of it derives from the tenant and user ids.
 */
final class SecurityInfo {

	static final String PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";

	private static final Map<String, String> COLLECTIONS = Map.of("microsoftAuthenticatorMethods",
			"#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "phoneMethods",
			"#microsoft.graph.phoneAuthenticationMethod", "fido2Methods", "#microsoft.graph.fido2AuthenticationMethod",
			"softwareOathMethods", "#microsoft.graph.softwareOathAuthenticationMethod", "emailMethods",
			"#microsoft.graph.emailAuthenticationMethod");

	private final JsonMapper mapper;

	final Map<String, List<ObjectNode>> methods = new ConcurrentHashMap<>();

	final Map<String, List<ObjectNode>> rules = new ConcurrentHashMap<>();

	SecurityInfo(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Handles {@code authentication/...} and {@code mailFolders/inbox/messageRules...} of
	 * one user.
	 */
	int handle(HttpExchange exchange, SignInTimeline timeline, SimUser user, String action, String body)
			throws IOException {
		var method = exchange.getRequestMethod();
		var granted = timeline.tenant().permissions();
		var key = timeline.tenant().tenantId().toLowerCase() + "|" + user.id();
		if (action.startsWith("authentication/")) {
			var writing = !method.equals("GET");
			if (!granted.contains("UserAuthenticationMethod.ReadWrite.All")
					&& (writing || !granted.contains("UserAuthenticationMethod.Read.All"))) {
				return Exchanges.denied(exchange);
			}
			var list = methods.computeIfAbsent(key, k -> initialMethods(timeline, user));
			return method.equals("GET") && action.equals("authentication/methods") ? list(exchange, list)
					: method.equals("DELETE") ? deleteMethod(exchange, list, action) : unsupported(exchange, method);
		}
		if (!action.regionMatches(true, 0, "mailFolders/inbox/", 0, "mailFolders/inbox/".length())) {
			return folder(exchange, granted, method, action.substring("mailFolders/".length()));
		}
		if (!granted.contains("MailboxSettings.ReadWrite")
				&& (!method.equals("GET") || !granted.contains("MailboxSettings.Read"))) {
			return Exchanges.denied(exchange);
		}
		var list = rules.computeIfAbsent(key, k -> initialRules(timeline, user));
		var prefix = "mailFolders/inbox/messageRules";
		if (method.equals("GET") && action.equalsIgnoreCase(prefix)) {
			return list(exchange, list);
		}
		if (method.equals("PATCH") && action.startsWith(prefix + "/")) {
			return patchRule(exchange, list, action.substring(prefix.length() + 1), body);
		}
		return unsupported(exchange, method);
	}

	/**
	 * Ground truth for tests: the ids of the user's methods and of their enabled rules.
	 */
	List<String> methodIds(String tenantId, String userId) {
		return ids(methods.getOrDefault(tenantId.toLowerCase() + "|" + userId, List.of()), false);
	}

	List<String> enabledRuleIds(String tenantId, String userId) {
		return ids(rules.getOrDefault(tenantId.toLowerCase() + "|" + userId, List.of()), true);
	}

	private static List<String> ids(List<ObjectNode> nodes, boolean enabledOnly) {
		synchronized (nodes) {
			return nodes.stream()
				.filter(node -> !enabledOnly || node.get("isEnabled").asBoolean())
				.map(node -> node.get("id").asString())
				.toList();
		}
	}

	private int list(HttpExchange exchange, List<ObjectNode> nodes) throws IOException {
		var body = mapper.createObjectNode();
		var value = body.putArray("value");
		synchronized (nodes) {
			nodes.forEach(value::add);
		}
		Exchanges.json(exchange, 200, mapper.writeValueAsString(body));
		return 200;
	}

	private int deleteMethod(HttpExchange exchange, List<ObjectNode> list, String action) throws IOException {
		var parts = action.split("/");
		var type = parts.length == 3 ? COLLECTIONS.get(parts[1]) : null;
		if (type == null) {
			// the generic /authentication/methods/{id} accepts DELETE only with delegated
			// permissions
			Exchanges.json(exchange, 400, Exchanges.graphError("badRequest",
					"DELETE on " + action + " is not supported with application permissions."));
			return 400;
		}
		synchronized (list) {
			var removed = list.removeIf(node -> node.get("id").asString().equals(parts[2])
					&& node.get("@odata.type").asString().equals(type));
			if (!removed) {
				Exchanges.json(exchange, 404,
						Exchanges.graphError("itemNotFound", "The requested authentication method was not found."));
				return 404;
			}
		}
		Exchanges.empty(exchange, 204);
		return 204;
	}

	private int patchRule(HttpExchange exchange, List<ObjectNode> list, String ruleId, String body) throws IOException {
		var patch = mapper.readTree(body.isBlank() ? "{}" : body);
		synchronized (list) {
			for (var rule : list) {
				if (rule.get("id").asString().equals(ruleId)) {
					if (patch.has("isEnabled")) {
						rule.put("isEnabled", patch.get("isEnabled").asBoolean());
					}
					Exchanges.json(exchange, 200, mapper.writeValueAsString(rule));
					return 200;
				}
			}
		}
		Exchanges.json(exchange, 404,
				Exchanges.graphError("ErrorItemNotFound", "The specified object was not found in the store."));
		return 404;
	}

	private List<ObjectNode> initialMethods(SignInTimeline timeline, SimUser user) {
		var list = new ArrayList<ObjectNode>();
		var start = timeline.start();
		var seed = Math.floorMod(user.id().hashCode(), 300);
		list.add(method("#microsoft.graph.passwordAuthenticationMethod", PASSWORD_METHOD_ID,
				start.minus(Duration.ofDays(400 + seed))));
		list.add(method("#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", id(user, "authenticator"),
				start.minus(Duration.ofDays(90 + seed)))
			.put("displayName", seed % 2 == 0 ? "iPhone 13" : "Galaxy S22")
			.put("deviceTag", "SoftwareTokenActivated")
			.put("phoneAppVersion", "6.8.12"));
		if (seed % 3 == 0) {
			list.add(method("#microsoft.graph.phoneAuthenticationMethod", "3179e48a-750b-4051-897c-87b9720928f7",
					start.minus(Duration.ofDays(200 + seed)))
				.put("phoneNumber", "+1 4255550" + String.format("%03d", seed))
				.put("phoneType", "mobile"));
		}
		takeover(timeline, user)
			.ifPresent(at -> list.add(method("#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
					id(user, "attacker-authenticator"), at.plus(Duration.ofMinutes(9)))
				.put("displayName", "iPhone 15 Pro")
				.put("deviceTag", "SoftwareTokenActivated")
				.put("phoneAppVersion", "6.8.15")));
		return list;
	}

	private List<ObjectNode> initialRules(SignInTimeline timeline, SimUser user) {
		var list = new ArrayList<ObjectNode>();
		var newsletters = rule(id(user, "rule-newsletters"), "Newsletters", 1);
		newsletters.putObject("conditions").putArray("senderContains").add("newsletter");
		newsletters.putObject("actions")
			.put("moveToFolder", folder(user, "Newsletters"))
			.put("stopProcessingRules", true);
		list.add(newsletters);
		if (takeover(timeline, user).isPresent()) {
			var hide = rule(id(user, "rule-hide"), ".", 2);
			var words = hide.putObject("conditions").putArray("bodyOrSubjectContains");
			words.add("invoice").add("payment").add("wire transfer");
			hide.putObject("actions")
				.put("moveToFolder", folder(user, "RSS Subscriptions"))
				.put("markAsRead", true)
				.put("stopProcessingRules", true);
			list.add(hide);
			var forward = rule(id(user, "rule-forward"), "Sync", 3);
			forward.putObject("conditions");
			var to = forward.putObject("actions").putArray("forwardTo").addObject().putObject("emailAddress");
			to.put("name", "Archive").put("address", "archive.sync@mailbox-backup.example");
			list.add(forward);
		}
		return list;
	}

	/** When an account-takeover attack on this user happened, if one did. */
	private static java.util.Optional<Instant> takeover(SignInTimeline timeline, SimUser user) {
		return AttackSignIns.takeovers(timeline)
			.stream()
			.filter(takeover -> takeover.user().id().equals(user.id()))
			.map(AttackSignIns.Takeover::at)
			.findFirst();
	}

	private ObjectNode method(String type, String id, Instant created) {
		return mapper.createObjectNode()
			.put("@odata.type", type)
			.put("id", id)
			.put("createdDateTime", created.toString());
	}

	private ObjectNode rule(String id, String name, int sequence) {
		return mapper.createObjectNode()
			.put("id", id)
			.put("displayName", name)
			.put("sequence", sequence)
			.put("isEnabled", true)
			.put("hasError", false)
			.put("isReadOnly", false);
	}

	private static String id(SimUser user, String what) {
		return UUID.nameUUIDFromBytes((user.id() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static String folder(SimUser user, String name) {
		// Exchange folder ids are long opaque strings; the name inside keeps the demo
		// readable
		return "AAMkAD" + Integer.toHexString(user.id().hashCode()) + "-" + name.replace(' ', '_');
	}

	/**
	 * GET mailFolders/{id}: the folder's name, with Mail.ReadBasic.All or Mail.Read
	 * (folders of this simulator).
	 */
	private int folder(HttpExchange exchange, List<String> granted, String method, String id) throws IOException {
		if (!method.equals("GET")) {
			return unsupported(exchange, method);
		}
		if (!granted.contains("Mail.ReadBasic.All") && !granted.contains("Mail.Read")) {
			return Exchanges.denied(exchange);
		}
		var dash = id.indexOf('-');
		if (!id.startsWith("AAMkAD") || dash < 0) {
			Exchanges.json(exchange, 404,
					Exchanges.graphError("ErrorItemNotFound", "The specified object was not found in the store."));
			return 404;
		}
		var body = mapper.createObjectNode().put("id", id).put("displayName", id.substring(dash + 1).replace('_', ' '));
		Exchanges.json(exchange, 200, mapper.writeValueAsString(body));
		return 200;
	}

	private static int unsupported(HttpExchange exchange, String method) throws IOException {
		Exchanges.json(exchange, 405, Exchanges.graphError("Request_BadRequest", "Unsupported method " + method));
		return 405;
	}

	static boolean handles(String action) {
		return action.startsWith("authentication/")
				|| action.regionMatches(true, 0, "mailFolders/", 0, "mailFolders/".length());
	}

}
