package io.vigil.incidents;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The queue's orders, each newest or most severe first, each paged by keyset. */
public enum IncidentSort {

	/** Latest activity first: the default. */
	LAST_SEEN("last-seen", "latest activity"),
	/** Most recently opened first. */
	FIRST_SEEN("first-seen", "most recently opened"),
	/** Critical first, then high and so on; latest activity first within a severity. */
	SEVERITY("severity", "most severe");

	private final String param;

	private final String label;

	IncidentSort(String param, String label) {
		this.param = param;
		this.label = label;
	}

	public String param() {
		return param;
	}

	public String label() {
		return label;
	}

	/** From a URL parameter; anything else is the default. */
	public static IncidentSort of(@Nullable String param) {
		if (param == null) {
			return LAST_SEEN;
		}
		for (var sort : values()) {
			if (sort.param.equals(param.strip().toLowerCase(Locale.ROOT))) {
				return sort;
			}
		}
		return LAST_SEEN;
	}

}
