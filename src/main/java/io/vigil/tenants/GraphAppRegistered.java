package io.vigil.tenants;

import java.util.UUID;

import io.vigil.shared.OrganizationId;

/**
 * An organization registered an Entra app (client id and an encrypted credential) that
 * Vigil will read its tenants' logs with.
 *
 * @param eventId this occurrence (listeners use it to act once)
 * @param actor who registered it
 */
public record GraphAppRegistered(UUID eventId, OrganizationId organizationId, UUID appRegistrationId, String clientId,
		boolean certificate, String actor) {
}
