package io.vigil.graph;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One of a user's registered authentication methods.
 *
 * @param description what identifies it to a person: the device, the masked phone number,
 * the address
 * @param createdAt when it was registered, when Entra says (not every kind reports it)
 */
public record AuthenticationMethod(String id, AuthenticationMethodKind kind, String description,
		@Nullable Instant createdAt) {

	/**
	 * Registered at or after {@code moment}: after a suspicious sign-in, the mark of an
	 * attacker's persistence.
	 */
	public boolean addedSince(Instant moment) {
		return createdAt != null && !createdAt.isBefore(moment);
	}

}
