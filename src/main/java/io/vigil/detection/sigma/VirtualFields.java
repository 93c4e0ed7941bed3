package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Fields Sigma rules use that Graph's sign-in record does not have as such, derived from
 * what it has. Named in the field mapping file as {@code virtual:<name>}.
 */
final class VirtualFields {

	private VirtualFields() {
	}

	static @Nullable FieldAccessor named(String name) {
		return switch (name) {
			case "status" -> VirtualFields::status;
			case "resultSignature" ->
				event -> errorCode(event) == null ? null : "0".equals(errorCode(event)) ? "SUCCESS" : "FAILURE";
			case "category" -> VirtualFields::category;
			case "authenticationFlow" -> VirtualFields::authenticationFlow;
			case "activityDetails" -> event -> "Sign-ins";
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
