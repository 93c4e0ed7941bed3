package io.vigil.graph;

import java.time.Instant;

/**
 * One window of a source to list: its time field {@code ge from and le to}.
 *
 * @param pageSize Graph's {@code $top}, at most 1000
 */
public record ActivityQuery(ActivitySource source, Instant from, Instant to, int pageSize) {

	public ActivityQuery {
		if (pageSize < 1 || pageSize > 1000) {
			throw new IllegalArgumentException("Graph pages hold 1 to 1000 records, not " + pageSize);
		}
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("The window ends before it starts");
		}
	}

}
