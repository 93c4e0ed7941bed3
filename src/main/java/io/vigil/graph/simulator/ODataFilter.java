package io.vigil.graph.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The part of OData {@code $filter} that Graph's sign-in list supports and Vigil uses:
 * {@code createdDateTime} with {@code ge}, {@code le} (and {@code gt}, {@code lt}, which
 * Microsoft's own examples use) and {@code signInEventTypes/any(t: t eq|ne 'type')},
 * joined with {@code and}. Anything else is rejected, as Graph rejects an unsupported
 * filter.
 */
record ODataFilter(@Nullable Instant from, boolean fromInclusive, @Nullable Instant to, boolean toInclusive,
		@Nullable String eventType, boolean eventTypeNegated) {

	private static final Pattern TIME = Pattern.compile(
			"(?:createdDateTime|activityDateTime|detectedDateTime)\\s+(ge|le|gt|lt)\\s+([0-9]{4}-[0-9:.TZ+\\-]+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TYPE = Pattern.compile(
			"signInEventTypes/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+(eq|ne)\\s+'(\\w+)'\\s*\\)", Pattern.CASE_INSENSITIVE);

	static ODataFilter parse(@Nullable String filter) {
		if (filter == null || filter.isBlank()) {
			return new ODataFilter(null, true, null, true, null, false);
		}
		Instant from = null;
		Instant to = null;
		boolean fromInclusive = true;
		boolean toInclusive = true;
		var time = TIME.matcher(filter);
		while (time.find()) {
			var at = instant(time.group(2));
			switch (time.group(1).toLowerCase()) {
				case "ge", "gt" -> {
					from = at;
					fromInclusive = time.group(1).equalsIgnoreCase("ge");
				}
				default -> {
					to = at;
					toInclusive = time.group(1).equalsIgnoreCase("le");
				}
			}
		}
		String type = null;
		boolean negated = false;
		var typeMatcher = TYPE.matcher(filter);
		if (typeMatcher.find()) {
			type = typeMatcher.group(3);
			negated = typeMatcher.group(2).equalsIgnoreCase("ne");
		}
		var rest = TYPE.matcher(TIME.matcher(filter).replaceAll(""))
			.replaceAll("")
			.replaceAll("(?i)\\band\\b", "")
			.replaceAll("[()\\s]", "");
		if (!rest.isEmpty()) {
			throw new IllegalArgumentException("Invalid filter clause: " + filter);
		}
		return new ODataFilter(from, fromInclusive, to, toInclusive, type, negated);
	}

	boolean matchesType(String signInEventType) {
		// Without a signInEventTypes filter, Graph beta lists interactive sign-ins only.
		if (eventType == null) {
			return signInEventType.equals("interactiveUser");
		}
		return negated() != signInEventType.equalsIgnoreCase(eventType);
	}

	private boolean negated() {
		return eventTypeNegated;
	}

	boolean matchesTime(Instant created) {
		var afterFrom = from == null || (fromInclusive ? !created.isBefore(from) : created.isAfter(from));
		var beforeTo = to == null || (toInclusive ? !created.isAfter(to) : created.isBefore(to));
		return afterFrom && beforeTo;
	}

	private static Instant instant(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Invalid createdDateTime in filter: " + value);
		}
	}

}
