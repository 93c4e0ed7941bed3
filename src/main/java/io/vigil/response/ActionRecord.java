package io.vigil.response;

import java.time.Instant;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;

/**
 * A requested action and how it ended (or that it waits for a second approval).
 *
 * @param subject the method or rule it changes, for actions that change one
 */
public record ActionRecord(UUID id, ManagedTenantId tenant, @Nullable UUID incident, ResponseAction action,
		String targetUserId, @Nullable ActionSubject subject, @Nullable String targetUpn, boolean targetPrivileged,
		Status status, @Nullable String message, String requestedBy, @Nullable String approvedBy, Instant requestedAt,
		@Nullable Instant completedAt) {

	public enum Status {

		AWAITING_APPROVAL, SUCCEEDED, FAILED

	}

}
