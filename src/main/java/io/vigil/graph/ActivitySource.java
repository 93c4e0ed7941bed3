package io.vigil.graph;

/**
 * What Entra ID records about accounts beside sign-ins, each a Graph collection Vigil
 * pages through like the sign-in log.
 */
public enum ActivitySource {

	/**
	 * Directory audits: methods registered, consents, role and password changes, apps
	 * added (AuditLog.Read.All, any licence).
	 */
	DIRECTORY_AUDITS("directoryAudit", "/v1.0/auditLogs/directoryAudits", "activityDateTime", "directory audits"),
	/**
	 * Identity Protection's risk detections (IdentityRiskEvent.Read.All, Entra ID P2
	 * only).
	 */
	RISK_DETECTIONS("riskDetection", "/v1.0/identityProtection/riskDetections", "detectedDateTime", "risk detections");

	private final String key;

	private final String path;

	private final String timeField;

	private final String label;

	ActivitySource(String key, String path, String timeField, String label) {
		this.key = key;
		this.path = path;
		this.timeField = timeField;
		this.label = label;
	}

	/** How Vigil names the source in its tables (cursor, record, quarantine). */
	public String key() {
		return key;
	}

	/** The collection's path below Graph's base URL. */
	public String path() {
		return path;
	}

	/** The timestamp the collection filters and orders on. */
	public String timeField() {
		return timeField;
	}

	/** For people: "directory audits", "risk detections". */
	public String label() {
		return label;
	}

	public static ActivitySource fromKey(String key) {
		for (var source : values()) {
			if (source.key.equals(key)) {
				return source;
			}
		}
		throw new IllegalArgumentException("Unknown activity source: " + key);
	}

}
