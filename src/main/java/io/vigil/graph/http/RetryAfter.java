package io.vigil.graph.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** Reads a Retry-After header: delta-seconds, or an HTTP date. */
final class RetryAfter {

	private RetryAfter() {
	}

	static Optional<Duration> parse(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		// Kiota reads "3, 5" as its first value; an HTTP date has a comma of its own.
		var first = header.split(",")[0].trim();
		if (first.matches("\\d+")) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(first)));
		}
		try {
			var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			var wait = Duration.between(clock.instant(), at);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
