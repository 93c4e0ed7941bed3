package io.vigil.detection;

import java.util.Locale;
import java.util.Map;

/**
 * What an account's directory audit or risk detection means for an investigation. The
 * audit activity names are Entra ID's {@code activityDisplayName} values.
 */
public enum ActivityKind {

	METHOD_REGISTERED("Authentication method registered"), METHOD_REMOVED("Authentication method removed"),
	CONSENT_GRANTED("App consent granted"), ROLE_CHANGED("Directory role changed"),
	PASSWORD_CHANGED("Password changed or reset"), APP_ADDED("App or credential added"),
	RISK_DETECTED("Identity Protection risk detection"), OTHER("Other directory activity");

	private static final Map<String, ActivityKind> AUDITS = Map.ofEntries(
			Map.entry("user registered security info", METHOD_REGISTERED),
			Map.entry("admin registered security info", METHOD_REGISTERED),
			Map.entry("user changed default security info", METHOD_REGISTERED),
			Map.entry("user registered all required security info", METHOD_REGISTERED),
			Map.entry("user deleted security info", METHOD_REMOVED),
			Map.entry("admin deleted security info", METHOD_REMOVED),
			Map.entry("disable strong authentication", METHOD_REMOVED),
			Map.entry("consent to application", CONSENT_GRANTED),
			Map.entry("add delegated permission grant", CONSENT_GRANTED),
			Map.entry("add app role assignment to service principal", CONSENT_GRANTED),
			Map.entry("add app role assignment grant to user", CONSENT_GRANTED),
			Map.entry("add member to role", ROLE_CHANGED), Map.entry("add eligible member to role", ROLE_CHANGED),
			Map.entry("add scoped member to role", ROLE_CHANGED), Map.entry("remove member from role", ROLE_CHANGED),
			Map.entry("change user password", PASSWORD_CHANGED), Map.entry("reset user password", PASSWORD_CHANGED),
			Map.entry("change password (self-service)", PASSWORD_CHANGED),
			Map.entry("reset password (self-service)", PASSWORD_CHANGED),
			Map.entry("reset password (by admin)", PASSWORD_CHANGED), Map.entry("add application", APP_ADDED),
			Map.entry("add service principal", APP_ADDED), Map.entry("add service principal credentials", APP_ADDED),
			Map.entry("add owner to application", APP_ADDED), Map.entry("add owner to service principal", APP_ADDED),
			Map.entry("update application – certificates and secrets management", APP_ADDED));

	private final String label;

	ActivityKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** The kind of a directory audit, by its activity name. */
	public static ActivityKind ofAudit(String activityDisplayName) {
		return AUDITS.getOrDefault(activityDisplayName.trim().toLowerCase(Locale.ROOT), OTHER);
	}

}
