package io.vigil.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A message about an incident, as the incident page lists it. */
public record NotificationRecord(UUID id, String channel, String recipient, String change, String subject,
		String status, int attempts, @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {
}
