package io.vigil.graph;

import io.vigil.shared.GraphCredentials;

/**
 * Pages through a tenant's directory audits and risk detections in Microsoft Graph, with
 * the guarantees of {@link SignInFeed}: each call is one request from the cluster-wide
 * budget, unreadable records come back as malformed and the rest of the page is kept.
 *
 * @throws GraphRetryLater when the budget or Graph (429) says to wait; nothing was lost
 * @throws GraphAccessDenied when the tenant refuses this source (licence, consent,
 * permission)
 * @throws GraphUnavailable on server errors, timeouts and unreadable responses
 */
public interface ActivityFeed {

	ActivityPage firstPage(GraphCredentials credentials, ActivityQuery query);

	/** The page a previous page's {@code nextLink} points at. */
	ActivityPage nextPage(GraphCredentials credentials, ActivitySource source, String nextLink);

}
