package io.vigil.detection;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Whether a rule runs (for a tenant), and if not, why.
 *
 * @param reason why an unsupported rule cannot run (the field Graph cannot supply)
 * @param missingPlaceholders the {@code expand} placeholders without values for the
 * tenant
 */
public record RuleStatus(RuleMetadata metadata, State state, @Nullable String reason, Set<String> missingPlaceholders) {

	public RuleStatus {
		missingPlaceholders = Set.copyOf(missingPlaceholders);
	}

	public enum State {

		READY, UNSUPPORTED, NEEDS_PLACEHOLDERS,
		/** Switched off for the tenant by a person. */
		DISABLED;

		/** The state in words, as the rules pages show it. */
		public String label() {
			return switch (this) {
				case READY -> "live";
				case UNSUPPORTED -> "cannot run";
				case NEEDS_PLACEHOLDERS -> "needs placeholder values";
				case DISABLED -> "switched off";
			};
		}

	}

}
