package io.vigil.notification;

import java.time.Instant;
import java.util.UUID;

import io.vigil.detection.Severity;
import org.jspecify.annotations.Nullable;

/** An outgoing webhook of an organization, and how its last delivery went. */
public record Webhook(UUID id, Kind kind, String url, Severity minSeverity, @Nullable String lastStatus,
		@Nullable Instant lastAt) {

	public enum Kind {

		/** A Microsoft Teams incoming webhook (an Adaptive Card). */
		TEAMS,
		/** A Slack incoming webhook. */
		SLACK,
		/** JSON with an HMAC-SHA256 signature and a timestamp. */
		GENERIC

	}

}
