package io.vigil.detection.sigma;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Values of {@code %placeholders%} for the {@code expand} modifier (per tenant: known
 * countries, admins, ...).
 */
@FunctionalInterface
public interface Placeholders {

	Placeholders NONE = name -> null;

	/** The values of a placeholder, or null when it is not set. */
	@Nullable List<String> values(String name);

	static Placeholders of(Map<String, List<String>> values) {
		return values::get;
	}

}
