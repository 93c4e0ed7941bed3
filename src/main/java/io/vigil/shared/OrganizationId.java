package io.vigil.shared;

import java.util.UUID;

/** Identifies an Organization: an MSP using Vigil. */
public record OrganizationId(UUID value) {

	public static OrganizationId of(String value) {
		return new OrganizationId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
