package io.vigil.graph;

import io.vigil.shared.GraphCredentials;

/**
 * Pages through a tenant's sign-in log in Microsoft Graph. Each call is one Graph
 * request, taken from the cluster-wide request budget.
 *
 * @throws GraphRetryLater when the budget or Graph (429) says to wait; nothing was lost
 * @throws GraphAccessDenied when the tenant refuses access (licence, consent, permission)
 * @throws GraphUnavailable on server errors, timeouts and unreadable responses
 */
public interface SignInFeed {

	/** The first page of a window, newest first. */
	SignInPage firstPage(GraphCredentials credentials, SignInQuery query);

	/**
	 * The page a previous page's {@code nextLink} points at (followed exactly as Graph
	 * gave it).
	 */
	SignInPage nextPage(GraphCredentials credentials, String nextLink);

}
