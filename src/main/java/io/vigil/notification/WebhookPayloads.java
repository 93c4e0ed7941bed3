package io.vigil.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vigil.incidents.Incident;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies webhooks receive: Microsoft Teams (an Adaptive Card), Slack (text and a
 * section block, escaped as Slack wants), and generic JSON, whose receiver checks
 * {@code X-Vigil-Signature: sha256=<hex>}, an HMAC-SHA256 with the webhook's secret over
 * {@code <X-Vigil-Timestamp>.<body>}, and rejects old timestamps (replay).
 */
final class WebhookPayloads {

	static final String SIGNATURE = "X-Vigil-Signature";

	static final String TIMESTAMP = "X-Vigil-Timestamp";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WebhookPayloads() {
	}

	static String body(Webhook.Kind kind, Incident incident, String tenant, String change, String note, String url) {
		var headline = "[" + incident.severity().name() + "] " + incident.ruleTitle() + " (" + tenant + "): "
				+ change.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		var account = incident.accountUpn() == null ? "unknown account" : incident.accountUpn();
		return switch (kind) {
			case GENERIC -> {
				var event = new LinkedHashMap<String, Object>();
				event.put("event", change);
				event.put("incident",
						Map.of("id", incident.id().toString(), "tenant", tenant, "rule", incident.ruleTitle(), "ruleId",
								incident.ruleId(), "severity", incident.severity().name(), "status",
								incident.status().name(), "account", account, "url", url));
				event.put("note", note);
				yield JSON.writeValueAsString(event);
			}
			case SLACK -> JSON.writeValueAsString(Map.of("text", slack(headline), "blocks",
					List.of(Map.of("type", "section", "text",
							Map.of("type", "mrkdwn", "text", "*" + slack(headline) + "*\nAccount: " + slack(account)
									+ (note.isBlank() ? "" : "\n" + slack(note)) + "\n<" + url + "|Open in Vigil>")))));
			case TEAMS -> JSON.writeValueAsString(Map.of("type", "message", "attachments", List.of(Map
				.of("contentType", "application/vnd.microsoft.card.adaptive", "content", Map.of("type", "AdaptiveCard",
						"$schema", "http://adaptivecards.io/schemas/adaptive-card.json", "version", "1.4", "body",
						List.of(Map.of("type", "TextBlock", "text", headline, "weight", "Bolder", "wrap", true),
								Map.of("type", "TextBlock", "text", "Account: " + account, "wrap", true),
								Map.of("type", "TextBlock", "text", note, "wrap", true, "isSubtle", true)),
						"actions", List.of(Map.of("type", "Action.OpenUrl", "title", "Open in Vigil", "url", url)))))));
		};
	}

	/** What "send test" sends: the shape of a real message, saying it is a test. */
	static String test(Webhook.Kind kind, String who) {
		var text = "Test from Vigil, sent by " + who + ": this webhook works.";
		return switch (kind) {
			case GENERIC -> JSON.writeValueAsString(Map.of("event", "TEST", "note", text));
			case SLACK -> JSON.writeValueAsString(Map.of("text", slack(text)));
			case TEAMS -> JSON.writeValueAsString(Map.of("type", "message", "attachments",
					List.of(Map.of("contentType", "application/vnd.microsoft.card.adaptive", "content",
							Map.of("type", "AdaptiveCard", "version", "1.4", "body",
									List.of(Map.of("type", "TextBlock", "text", text, "wrap", true)))))));
		};
	}

	/** Slack's escaping: &, < and > only, so no text becomes a link or a mention. */
	private static String slack(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	static String signature(String secret, long timestamp, String body) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256="
					+ HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
