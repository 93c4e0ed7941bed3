package io.vigil.graph;

import java.util.List;

import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;

/**
 * Containment actions on a customer tenant's users, through the Microsoft Graph SDK
 * (v1.0). Failures come as {@link GraphException}s: {@link GraphAccessDenied} (a missing
 * permission, or an administrator the app may not touch), {@link GraphRequestRefused} (no
 * such user), {@link GraphRetryLater}, {@link GraphUnavailable}.
 */
public interface DirectoryActions {

	DirectoryUser user(GraphCredentials credentials, String userId);

	/**
	 * Invalidates the user's refresh tokens and session cookies
	 * ({@code revokeSignInSessions}).
	 */
	void revokeSessions(GraphCredentials credentials, String userId);

	/**
	 * Blocks ({@code false}) or unblocks ({@code true}) sign-in ({@code accountEnabled}).
	 */
	void setAccountEnabled(GraphCredentials credentials, String userId, boolean enabled);

	/**
	 * Sets a new password the user must change at the next sign-in
	 * ({@code passwordProfile} with {@code forceChangePasswordNextSignIn}). App-only,
	 * this needs the app to hold at least the User Administrator role in the tenant;
	 * federated users cannot be reset here.
	 */
	void resetPassword(GraphCredentials credentials, String userId, Secret temporaryPassword);

	/**
	 * The user's registered authentication methods, oldest first where Entra reports when
	 * they were added.
	 */
	List<AuthenticationMethod> authenticationMethods(GraphCredentials credentials, String userId);

	/** Deletes one authentication method through its type's collection. */
	void removeAuthenticationMethod(GraphCredentials credentials, String userId, AuthenticationMethodKind kind,
			String methodId);

	/** The rules of the user's Inbox, in the order Exchange applies them. */
	List<InboxRule> inboxRules(GraphCredentials credentials, String userId);

	/**
	 * Turns one Inbox rule off ({@code isEnabled: false}); the rule stays for the
	 * investigation.
	 */
	void disableInboxRule(GraphCredentials credentials, String userId, String ruleId);

}
