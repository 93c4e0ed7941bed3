package io.vigil.detection.sigma;

import org.jspecify.annotations.Nullable;

/**
 * An event as the engine sees it: a tree of maps, lists and scalars (text, numbers,
 * booleans), as JSON has. The engine never sees the JSON library or the source of the
 * event.
 */
public interface Event {

	/**
	 * The top-level member with exactly this name (paths are resolved to the event's own
	 * spelling at compile time).
	 */
	@Nullable Object member(String name);

	/**
	 * Every scalar value in the event as text (numbers and booleans too), for keyword
	 * searches.
	 */
	Iterable<String> texts();

	/**
	 * What rules derive from the event's values (lower-case texts, texts of numbers,
	 * parsed addresses), kept for the event's lifetime because many rules compare the
	 * same values.
	 */
	EventCache cache();

}
