package io.vigil.detection.sigma;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A parsed Sigma rule, before compilation.
 *
 * @param source the file (and document) it came from, for error messages
 * @param searches the search identifiers of the detection section, in file order
 * @param conditions the condition expressions (a list is ORed), each with its line
 * @param attributes the whole document as plain maps, lists and scalars (custom
 * attributes included)
 */
public record SigmaRule(String source, @Nullable String id, String title, @Nullable String status,
		@Nullable String level, @Nullable String description, @Nullable String author, List<String> references,
		List<String> tags, List<String> falsePositives, LogSource logSource, Map<String, Search> searches,
		List<Located<String>> conditions, Map<String, @Nullable Object> attributes) {

	/** Where the rule applies. */
	public record LogSource(@Nullable String product, @Nullable String service, @Nullable String category) {
	}

	/** A value with the line it was written on. */
	public record Located<T>(T value, int line) {
	}

	/**
	 * One search identifier: keywords, or maps of field conditions (a list of maps is
	 * ORed).
	 */
	public sealed interface Search permits Keywords, FieldGroups {

		int line();

	}

	/** A field-less list of values, matched against the whole event. */
	public record Keywords(List<String> modifiers, List<@Nullable Object> values, int line) implements Search {
	}

	/** Groups ORed; the field conditions inside one group ANDed. */
	public record FieldGroups(List<List<FieldCondition>> groups, int line) implements Search {
	}

	/** {@code field|modifier|...: value or values}. */
	public record FieldCondition(String field, List<String> modifiers, List<@Nullable Object> values, int line) {
	}

}
