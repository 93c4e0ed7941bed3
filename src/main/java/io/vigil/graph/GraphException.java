package io.vigil.graph;

/** A Graph call that did not succeed. The message never contains a secret or a token. */
public abstract sealed class GraphException extends RuntimeException
		permits GraphRetryLater, GraphAccessDenied, GraphUnavailable, GraphRequestRefused {

	protected GraphException(String message, Throwable cause) {
		super(message, cause);
	}

}
