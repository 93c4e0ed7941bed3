package io.vigil.detection;

import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * A change to the rules that run, published by {@link RuleCatalog} inside the change's
 * transaction: the audit log records each one once.
 */
public sealed interface RuleChanged {

	UUID eventId();

	OrganizationId organizationId();

	/** The rule's id (a built-in's, or an uploaded Sigma rule's own). */
	String ruleId();

	/** Who changed it. */
	String actor();

	/** A rule switched on or off in one tenant; off with the reason given. */
	record Switched(UUID eventId, OrganizationId organizationId, ManagedTenantId managedTenantId, String ruleId,
			boolean enabled, @Nullable String reason, String actor) implements RuleChanged {
	}

	/** A Sigma rule uploaded as a draft (not running yet). */
	record Uploaded(UUID eventId, OrganizationId organizationId, String ruleId, String title,
			String actor) implements RuleChanged {
	}

	/** An uploaded rule now runs for every tenant of the organization. */
	record UploadEnabled(UUID eventId, OrganizationId organizationId, String ruleId, String title,
			String actor) implements RuleChanged {
	}

	/** An uploaded rule discarded (removed, if it ran). */
	record UploadDiscarded(UUID eventId, OrganizationId organizationId, String ruleId, String title,
			String actor) implements RuleChanged {
	}

}
