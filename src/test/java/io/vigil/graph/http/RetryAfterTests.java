package io.vigil.graph.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void readsSecondsAndHttpDates() {
		assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("3, 5", clock)).contains(Duration.ofSeconds(3));
		assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("soon", clock)).isEmpty();
		assertThat(RetryAfter.parse(null, clock)).isEmpty();
	}

}
