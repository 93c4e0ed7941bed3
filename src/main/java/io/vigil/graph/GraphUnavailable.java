package io.vigil.graph;

import org.jspecify.annotations.Nullable;

/**
 * A transient failure: 5xx, a timeout, a broken connection or an unreadable page. Retried
 * with backoff.
 */
public final class GraphUnavailable extends GraphException {

	public GraphUnavailable(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
