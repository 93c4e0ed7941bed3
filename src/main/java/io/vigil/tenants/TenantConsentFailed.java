package io.vigil.tenants;

import java.util.UUID;

import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * A customer's admin came back from the consent prompt without connecting the tenant
 * (refused, an answer not for a request of the organization, or consent without the
 * access Vigil needs).
 *
 * @param entraTenantId the tenant Entra named, if it named one
 * @param outcome what happened, in words
 * @param eventId this occurrence (listeners use it to act once)
 */
public record TenantConsentFailed(UUID eventId, OrganizationId organizationId, @Nullable String entraTenantId,
		String outcome, String actor) {
}
