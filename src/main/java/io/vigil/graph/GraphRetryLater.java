package io.vigil.graph;

import java.time.Instant;

/**
 * No request was made, or Graph answered 429: try again at {@link #retryAt()}. Not a
 * failure of the tenant.
 */
public final class GraphRetryLater extends GraphException {

	private final Instant retryAt;

	private final boolean throttledByGraph;

	public GraphRetryLater(Instant retryAt, boolean throttledByGraph, String message) {
		super(message, null);
		this.retryAt = retryAt;
		this.throttledByGraph = throttledByGraph;
	}

	public Instant retryAt() {
		return retryAt;
	}

	/** True for a 429 from Graph, false when Vigil's own budget held the request back. */
	public boolean throttledByGraph() {
		return throttledByGraph;
	}

}
