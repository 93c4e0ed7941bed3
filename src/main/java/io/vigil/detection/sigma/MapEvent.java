package io.vigil.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** An {@link Event} over nested {@code Map}, {@code List} and scalar values. */
public final class MapEvent implements Event {

	private final Map<String, ?> root;

	private @Nullable List<String> texts;

	private @Nullable EventCache cache;

	public MapEvent(Map<String, ?> root) {
		this.root = root;
	}

	@Override
	public @Nullable Object member(String name) {
		return root.get(name);
	}

	@Override
	public EventCache cache() {
		if (cache == null) {
			cache = new EventCache();
		}
		return cache;
	}

	@Override
	public Iterable<String> texts() {
		if (texts == null) {
			texts = new ArrayList<>();
			collect(root, texts);
		}
		return texts;
	}

	private static void collect(@Nullable Object node, List<String> into) {
		if (node instanceof Map<?, ?> map) {
			map.values().forEach(value -> collect(value, into));
		}
		else if (node instanceof List<?> list) {
			list.forEach(value -> collect(value, into));
		}
		else if (node instanceof String text) {
			into.add(text);
		}
		else if (node instanceof Number || node instanceof Boolean) {
			// a keyword search covers every value: 50126 finds an error code, true a flag
			// (as other engines do)
			into.add(Values.text(node));
		}
	}

}
