package io.vigil.detection;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** How urgent a rule's matches are; Sigma's {@code level} values. */
public enum Severity {

	INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

	/**
	 * From a Sigma level; a rule without one is treated as medium, as SigmaHQ's tooling
	 * does.
	 */
	public static Severity fromLevel(@Nullable String level) {
		return level == null ? MEDIUM : valueOf(level.trim().toUpperCase(Locale.ROOT));
	}

	public String level() {
		return name().toLowerCase(Locale.ROOT);
	}

}
