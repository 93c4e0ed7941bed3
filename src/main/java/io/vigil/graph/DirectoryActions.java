package io.vigil.graph;

import io.vigil.shared.GraphCredentials;

/**
 * Containment actions on a customer tenant's users, through the Microsoft Graph SDK (v1.0). Failures come as
 * {@link GraphException}s: {@link GraphAccessDenied} (a missing permission, or an administrator the app may not
 * touch), {@link GraphRequestRefused} (no such user), {@link GraphRetryLater}, {@link GraphUnavailable}.
 */
public interface DirectoryActions {

	DirectoryUser user(GraphCredentials credentials, String userId);

	/** Invalidates the user's refresh tokens and session cookies ({@code revokeSignInSessions}). */
	void revokeSessions(GraphCredentials credentials, String userId);

	/** Blocks ({@code false}) or unblocks ({@code true}) sign-in ({@code accountEnabled}). */
	void setAccountEnabled(GraphCredentials credentials, String userId, boolean enabled);

}
