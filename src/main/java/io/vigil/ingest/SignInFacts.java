package io.vigil.ingest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The columns of a stored sign-in that say who signed in, from where, and whether it
 * worked.
 */
public record SignInFacts(long id, Instant createdAt, String eventType, @Nullable String userId,
		@Nullable String userPrincipalName, @Nullable String ipAddress, @Nullable Integer asn,
		@Nullable Integer errorCode, @Nullable String country) {

	public SignInFacts(long id, Instant createdAt, String eventType, @Nullable String userId,
			@Nullable String userPrincipalName, @Nullable String ipAddress, @Nullable Integer asn,
			@Nullable Integer errorCode) {
		this(id, createdAt, eventType, userId, userPrincipalName, ipAddress, asn, errorCode, null);
	}

	public boolean succeeded() {
		return errorCode != null && errorCode == 0;
	}

	/**
	 * A person signed in with an account, successfully, themselves (not a token refresh).
	 */
	public boolean interactiveSuccess() {
		return succeeded() && userId != null && "interactiveUser".equals(eventType);
	}

}
