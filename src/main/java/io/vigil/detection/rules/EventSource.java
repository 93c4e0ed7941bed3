package io.vigil.detection.rules;

import java.util.Locale;

import io.vigil.detection.sigma.SigmaRule;
import org.jspecify.annotations.Nullable;

/**
 * The Entra ID logs rules read, each with the field mapping its Sigma rules compile
 * against; a rule's {@code logsource.service} picks one.
 */
public enum EventSource {

	SIGN_INS("signinlogs", "/sigma/graph-signin-fields.yml", "sign-ins"),
	DIRECTORY_AUDITS("auditlogs", "/sigma/graph-audit-fields.yml", "directory audits"),
	RISK_DETECTIONS("riskdetection", "/sigma/graph-risk-fields.yml", "risk detections");

	private final String service;

	private final String mapping;

	private final String label;

	EventSource(String service, String mapping, String label) {
		this.service = service;
		this.mapping = mapping;
		this.label = label;
	}

	/** Sigma's {@code logsource.service}. */
	public String service() {
		return service;
	}

	String mappingResource() {
		return mapping;
	}

	/** For people: "sign-ins", "directory audits", "risk detections". */
	public String label() {
		return label;
	}

	/**
	 * The source a rule reads: by its {@code logsource.service}; any other (or none)
	 * reads sign-ins, as Vigil's rules always did.
	 */
	public static EventSource of(SigmaRule.LogSource logSource) {
		return of(logSource.service());
	}

	public static EventSource of(@Nullable String service) {
		if (service != null) {
			for (var source : values()) {
				if (source.service.equals(service.trim().toLowerCase(Locale.ROOT))) {
					return source;
				}
			}
		}
		return SIGN_INS;
	}

	/**
	 * The source of a stored activity record ({@code directoryAudit} /
	 * {@code riskDetection}).
	 */
	public static EventSource ofActivity(String source) {
		return "riskDetection".equals(source) ? RISK_DETECTIONS : DIRECTORY_AUDITS;
	}

}
