package io.vigil.response;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What was read from a user's account in Graph (authentication methods, Inbox rules), or
 * why it could not be read, in words.
 */
public record GraphReading<T>(List<T> items, @Nullable String failure) {

	public GraphReading {
		items = List.copyOf(items);
	}

	public boolean failed() {
		return failure != null;
	}

}
