package io.vigil.graph;

import java.time.Instant;

/**
 * One window of sign-ins to list: {@code createdDateTime ge from and le to} for one event
 * type.
 *
 * @param pageSize Graph's {@code $top}, at most 1000
 */
public record SignInQuery(SignInEventType eventType, Instant from, Instant to, int pageSize) {

	public SignInQuery {
		if (pageSize < 1 || pageSize > 1000) {
			throw new IllegalArgumentException("Graph pages hold 1 to 1000 sign-ins, not " + pageSize);
		}
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("The window ends before it starts");
		}
	}

}
