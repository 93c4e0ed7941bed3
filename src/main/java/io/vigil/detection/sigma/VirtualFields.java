package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Fields Sigma rules use that Graph's records (sign-ins, directory audits) do not have as
 * such, derived from what they have. Named in the field mapping file as
 * {@code virtual:<name>}.
 */
final class VirtualFields {

	private VirtualFields() {
	}

	/**
	 * The top-level members a derived field reads; null when it is not one (or reads
	 * members not listed here, which a reader then keeps all of).
	 */
	static @Nullable Set<String> members(String name) {
		return switch (name) {
			case "status", "resultSignature" -> Set.of("status");
			case "category" -> Set.of("signInEventTypes");
			case "authenticationFlow" -> Set.of("authenticationProtocol", "originalTransferMethod");
			case "activityDetails" -> Set.of();
			case "auditStatus" -> Set.of("result", "resultReason");
			case "auditReasons" -> Set.of("resultReason", "additionalDetails");
			case "targetTexts", "modifiedTexts", "consentIsAdmin" -> Set.of("targetResources");
			case "auditMessage" -> Set.of("activityDisplayName", "targetResources");
			case "additionalInfo" -> Set.of("additionalDetails");
			default -> null;
		};
	}

	static @Nullable FieldAccessor named(String name) {
		return switch (name) {
			case "status" -> VirtualFields::status;
			case "resultSignature" ->
				event -> errorCode(event) == null ? null : "0".equals(errorCode(event)) ? "SUCCESS" : "FAILURE";
			case "category" -> VirtualFields::category;
			case "authenticationFlow" -> VirtualFields::authenticationFlow;
			case "activityDetails" -> event -> "Sign-ins";
			case "auditStatus" -> event -> texts(event.member("result"), event.member("resultReason"));
			case "auditReasons" -> event -> {
				var values = new ArrayList<Object>();
				addText(values, event.member("resultReason"));
				values.addAll(detailValues(event, null));
				return values.isEmpty() ? null : values;
			};
			case "targetTexts" -> event -> {
				var values = new ArrayList<Object>();
				collect(event.member("targetResources"), values);
				return values.isEmpty() ? null : values;
			};
			case "modifiedTexts" -> event -> {
				var values = new ArrayList<Object>();
				modifiedProperties(event).forEach(property -> collect(property, values));
				return values.isEmpty() ? null : values;
			};
			case "auditMessage" -> VirtualFields::auditMessage;
			case "consentIsAdmin" -> VirtualFields::consentIsAdmin;
			case "additionalInfo" -> event -> {
				var values = detailValues(event, "AdditionalInfo");
				return values.isEmpty() ? null : values;
			};
			default -> null;
		};
	}

	/**
	 * Log Analytics' {@code Status}: "Success" when the error code is 0, else "Failure",
	 * together with the failure reason and details, so both {@code Status: Success} and
	 * {@code Status|contains: 'MFA Denied'} work.
	 */
	private static @Nullable Object status(Event event) {
		var code = errorCode(event);
		if (code == null) {
			return null;
		}
		var values = new ArrayList<Object>(3);
		values.add("0".equals(code) ? "Success" : "Failure");
		if (event.member("status") instanceof Map<?, ?> status) {
			addText(values, status.get("failureReason"));
			addText(values, status.get("additionalDetails"));
		}
		return values;
	}

	/** The Log Analytics table a sign-in would be in, from its event type. */
	private static @Nullable Object category(Event event) {
		if (!(event.member("signInEventTypes") instanceof List<?> types) || types.isEmpty()) {
			return null;
		}
		return switch (String.valueOf(types.getFirst())) {
			case "interactiveUser" -> "SignInLogs";
			case "nonInteractiveUser" -> "NonInteractiveUserSignInLogs";
			case "servicePrincipal" -> "ServicePrincipalSignInLogs";
			case "managedIdentity" -> "ManagedIdentitySignInLogs";
			default -> null;
		};
	}

	/** The diagnostic log's {@code properties.message} for device-code and ROPC flows. */
	private static @Nullable Object authenticationFlow(Event event) {
		var protocol = String.valueOf(event.member("authenticationProtocol"));
		if (protocol.equalsIgnoreCase("deviceCode")
				|| "deviceCodeFlow".equalsIgnoreCase(String.valueOf(event.member("originalTransferMethod")))) {
			return "Device Code";
		}
		return protocol.equalsIgnoreCase("ropc") ? "ROPC" : null;
	}

	/**
	 * Log Analytics' {@code ConsentContext.IsAdminConsent}: in Graph, a modified property
	 * of the consented app, its value a quoted "True" or "False".
	 */
	private static @Nullable Object consentIsAdmin(Event event) {
		if (!(event.member("targetResources") instanceof List<?> targets)) {
			return null;
		}
		for (var target : targets) {
			if (target instanceof Map<?, ?> resource
					&& resource.get("modifiedProperties") instanceof List<?> properties) {
				for (var property : properties) {
					if (property instanceof Map<?, ?> map
							&& "ConsentContext.IsAdminConsent".equals(map.get("displayName"))
							&& map.get("newValue") instanceof String value) {
						return value.replace("\"", "").strip();
					}
				}
			}
		}
		return null;
	}

	/**
	 * The diagnostic log's {@code properties.message}, which SigmaHQ's audit rules match
	 * both against the activity's name and against a modified property as the log writes
	 * it: {@code "displayName":"UserType","oldValue":"[\"Guest\"]",...}.
	 */
	private static @Nullable Object auditMessage(Event event) {
		var values = new ArrayList<Object>();
		addText(values, event.member("activityDisplayName"));
		for (var property : modifiedProperties(event)) {
			values.add("\"displayName\":\"" + json(property.get("displayName")) + "\",\"oldValue\":\""
					+ json(property.get("oldValue")) + "\",\"newValue\":\"" + json(property.get("newValue")) + "\"");
		}
		return values.isEmpty() ? null : values;
	}

	private static List<Map<?, ?>> modifiedProperties(Event event) {
		var result = new ArrayList<Map<?, ?>>();
		if (event.member("targetResources") instanceof List<?> targets) {
			for (var target : targets) {
				if (target instanceof Map<?, ?> resource
						&& resource.get("modifiedProperties") instanceof List<?> properties) {
					for (var property : properties) {
						if (property instanceof Map<?, ?> map) {
							result.add(map);
						}
					}
				}
			}
		}
		return result;
	}

	/** A value as it appears inside a JSON string: quotes and backslashes escaped. */
	private static String json(@Nullable Object value) {
		return value == null ? "" : String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
	}

	/** The values of the audit's additionalDetails, of one key (null: all). */
	private static List<Object> detailValues(Event event, @Nullable String key) {
		var values = new ArrayList<Object>();
		if (event.member("additionalDetails") instanceof List<?> details) {
			for (var detail : details) {
				if (detail instanceof Map<?, ?> map
						&& (key == null || key.equalsIgnoreCase(String.valueOf(map.get("key"))))) {
					addText(values, map.get("value"));
				}
			}
		}
		return values;
	}

	/** Every string inside a value, depth first. */
	private static void collect(@Nullable Object node, List<Object> into) {
		if (node instanceof Map<?, ?> map) {
			map.values().forEach(value -> collect(value, into));
		}
		else if (node instanceof List<?> list) {
			list.forEach(value -> collect(value, into));
		}
		else {
			addText(into, node);
		}
	}

	private static @Nullable Object texts(@Nullable Object... candidates) {
		var values = new ArrayList<Object>();
		for (var candidate : candidates) {
			addText(values, candidate);
		}
		return values.isEmpty() ? null : values;
	}

	private static @Nullable String errorCode(Event event) {
		if (event.member("status") instanceof Map<?, ?> status && status.get("errorCode") != null) {
			return Values.text(status.get("errorCode"));
		}
		return null;
	}

	private static void addText(List<Object> values, @Nullable Object value) {
		if (value instanceof String text && !text.isEmpty()) {
			values.add(text);
		}
	}

}
