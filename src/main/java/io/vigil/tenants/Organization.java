package io.vigil.tenants;

import io.vigil.shared.OrganizationId;

/** An MSP using Vigil. */
public record Organization(OrganizationId id, String name) {
}
