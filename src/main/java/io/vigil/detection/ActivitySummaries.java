package io.vigil.detection;

import java.util.ArrayList;

import io.vigil.ingest.StoredActivity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line per record for people: the activity, what it was done to and with what
 * (method, app, scopes, role), from the record's own fields. Everything in it came from
 * the tenant's log, so pages render it escaped like any other attacker-influenced text.
 */
final class ActivitySummaries {

	private static final int MAX = 300;

	private final JsonMapper mapper = JsonMapper.builder().build();

	String summary(StoredActivity record) {
		JsonNode json;
		try {
			json = mapper.readTree(record.record());
		}
		catch (RuntimeException ex) {
			return record.activity();
		}
		var text = record.riskDetection() ? risk(record, json) : audit(record, json);
		return text.length() > MAX ? text.substring(0, MAX - 1) + "…" : text;
	}

	private static String risk(StoredActivity record, JsonNode json) {
		var parts = new ArrayList<String>();
		if (record.result() != null) {
			parts.add(record.result() + " risk");
		}
		if (json.hasNonNull("riskState")) {
			parts.add(json.get("riskState").asString());
		}
		if (json.hasNonNull("detectionTimingType")) {
			parts.add(json.get("detectionTimingType").asString());
		}
		return "Identity Protection: " + record.activity()
				+ (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
	}

	private static String audit(StoredActivity record, JsonNode json) {
		var details = new ArrayList<String>();
		for (var target : json.path("targetResources")) {
			var type = target.path("type").asString("");
			if (!type.equalsIgnoreCase("User") && target.hasNonNull("displayName")) {
				details.add(target.get("displayName").asString());
			}
			for (var property : target.path("modifiedProperties")) {
				var name = property.path("displayName").asString("");
				if (name.equals("ConsentAction.Permissions") || name.equals("Role.DisplayName")) {
					details.add(unquote(property.path("newValue").asString("")));
				}
			}
		}
		for (var detail : json.path("additionalDetails")) {
			if (detail.path("key").asString("").equals("Method")) {
				details.add(detail.path("value").asString(""));
			}
		}
		if (details.isEmpty() && json.hasNonNull("resultReason") && !json.get("resultReason").asString().isBlank()) {
			details.add(json.get("resultReason").asString());
		}
		var result = record.result() != null && !record.result().equalsIgnoreCase("success")
				? " [" + record.result() + "]" : "";
		return record.activity() + (details.isEmpty() ? "" : ": " + String.join("; ", details)) + result;
	}

	private static String unquote(String value) {
		var trimmed = value.strip();
		return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

}
