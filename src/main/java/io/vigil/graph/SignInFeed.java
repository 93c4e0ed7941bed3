package io.vigil.graph;

import io.vigil.shared.GraphCredentials;
import io.vigil.shared.MemberSelection;

/**
 * Pages through a tenant's sign-in log in Microsoft Graph. Each call is one Graph
 * request, taken from the cluster-wide request budget.
 *
 * @throws GraphRetryLater when the budget or Graph (429) says to wait; nothing was lost
 * @throws GraphAccessDenied when the tenant refuses access (licence, consent, permission)
 * @throws GraphUnavailable on server errors, timeouts and unreadable responses
 */
public interface SignInFeed {

	/**
	 * The first page of a window, newest first.
	 * @param members the top-level members of each record to build its tree from
	 */
	SignInPage firstPage(GraphCredentials credentials, SignInQuery query, MemberSelection members);

	/**
	 * The page a previous page's {@code nextLink} points at (followed exactly as Graph
	 * gave it).
	 * @param members the top-level members of each record to build its tree from
	 */
	SignInPage nextPage(GraphCredentials credentials, String nextLink, MemberSelection members);

}
